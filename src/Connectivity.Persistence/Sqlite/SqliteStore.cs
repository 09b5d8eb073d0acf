using Connectivity.Persistence.Journal;
using Connectivity.Persistence.Snapshots;
using Microsoft.Data.Sqlite;

namespace Connectivity.Persistence.Sqlite;

/// <summary>
/// The embedded store: journal and snapshots in one SQLite file, in WAL mode with synchronous=FULL so a
/// completed write is on disk. One connection writes (group-committing concurrent callers), pooled
/// read-only connections read alongside it. The schema is created or migrated on open.
/// </summary>
public sealed class SqliteStore : IAsyncDisposable
{
    private readonly SqliteWriter writer;
    private readonly SqliteReadConnections readers;

    private SqliteStore(SqliteWriter writer, SqliteReadConnections readers)
    {
        this.writer = writer;
        this.readers = readers;
        Journal = new SqliteJournal(writer, readers);
        Snapshots = new SqliteSnapshotStore(writer, readers);
    }

    public IJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    /// <summary>Opens (creating if missing) the database file and brings its schema up to date.</summary>
    public static async Task<SqliteStore> OpenAsync(string databasePath, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        SqliteNativeLibrary.EnsureInitialized();
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            ConfigureWriteConnection(connection);
            SqliteSchema.Migrate(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return new SqliteStore(new SqliteWriter(connection), new SqliteReadConnections(databasePath));
    }

    /// <summary>Commits the writes already queued, refuses new reads and writes, and releases the file.</summary>
    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        readers.Close();
    }

    private static void ConfigureWriteConnection(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"SQLite refused WAL mode for this database (journal_mode is '{mode}').");
        }

        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;";
        command.ExecuteNonQuery();
    }
}
