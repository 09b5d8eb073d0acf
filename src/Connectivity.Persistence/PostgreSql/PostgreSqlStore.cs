using Connectivity.Persistence.Journal;
using Connectivity.Persistence.Snapshots;
using Npgsql;

namespace Connectivity.Persistence.PostgreSql;

/// <summary>
/// The cluster store: journal and snapshots in PostgreSQL, shared by every node. Work goes through one
/// pooled <see cref="NpgsqlDataSource"/> with automatic statement preparation; concurrent journal batches
/// are group-committed, each group in one round trip. The schema is created or migrated on open, once even when several nodes open at the same time.
/// </summary>
public sealed class PostgreSqlStore : IAsyncDisposable
{
    private const int AutoPreparedStatements = 32;

    private readonly PostgreSqlConnections connections;
    private readonly PostgreSqlJournalWriter writer;

    private PostgreSqlStore(PostgreSqlConnections connections, PostgreSqlStoreOptions options)
    {
        this.connections = connections;
        var schema = PostgreSqlSchema.Quote(options.Schema);
        writer = new PostgreSqlJournalWriter(
            connections, $"SELECT {schema}.journal_write($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)");
        Journal = new PostgreSqlJournal(connections, writer, schema, options.Fence);
        Snapshots = new PostgreSqlSnapshotStore(connections, schema);
    }

    public IJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    /// <summary>Connects, creates the schema if missing and brings it up to date.</summary>
    public static async Task<PostgreSqlStore> OpenAsync(
        string connectionString, PostgreSqlStoreOptions? options = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        options ??= new PostgreSqlStoreOptions();
        options.Validate();

        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
        }

        var connections = new PostgreSqlConnections(builder.Build());
        try
        {
            await PostgreSqlSchema.MigrateAsync(connections, options.Schema, ct);
        }
        catch
        {
            await connections.DisposeAsync();
            throw;
        }

        return new PostgreSqlStore(connections, options);
    }

    /// <summary>Writes the journal batches already queued, refuses new reads and writes, and closes the pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        await connections.DisposeAsync();
    }
}
