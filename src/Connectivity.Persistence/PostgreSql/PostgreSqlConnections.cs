using Npgsql;

namespace Connectivity.Persistence.PostgreSql;

/// <summary>The store's connection pool; refuses new work once the store is disposed.</summary>
internal sealed class PostgreSqlConnections(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private volatile bool closed;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(closed, typeof(PostgreSqlStore));
        return await dataSource.OpenConnectionAsync(ct);
    }

    /// <summary>Refuses further work and closes the pooled connections.</summary>
    public ValueTask DisposeAsync()
    {
        closed = true;
        return dataSource.DisposeAsync();
    }
}
