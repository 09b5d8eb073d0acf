using Microsoft.Data.Sqlite;

namespace Connectivity.Persistence.Sqlite;

/// <summary>
/// Read-only, pooled connections to the store's file. In WAL mode they read a consistent snapshot while
/// the writer commits.
/// </summary>
internal sealed class SqliteReadConnections(string databasePath)
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = true,
    }.ToString();

    private volatile bool closed;

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(closed, typeof(SqliteStore));
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Refuses further reads and closes the pooled connections so the file is released.</summary>
    public void Close()
    {
        closed = true;
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
