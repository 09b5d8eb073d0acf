using Connectivity.Persistence.Snapshots;
using Npgsql;

namespace Connectivity.Persistence.PostgreSql;

/// <summary>Snapshots in PostgreSQL's <c>snapshots</c> table, one row per (persistence id, sequence number).</summary>
internal sealed class PostgreSqlSnapshotStore : ISnapshotStore
{
    private readonly PostgreSqlConnections connections;
    private readonly string saveSql;
    private readonly string loadSql;
    private readonly string deleteSql;

    public PostgreSqlSnapshotStore(PostgreSqlConnections connections, string quotedSchema)
    {
        this.connections = connections;
        var s = quotedSchema;
        saveSql = $"""
            INSERT INTO {s}.snapshots (persistence_id, sequence_nr, written_at, manifest, payload)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (persistence_id, sequence_nr) DO UPDATE
                SET written_at = excluded.written_at, manifest = excluded.manifest, payload = excluded.payload
            """;
        loadSql = $"""
            SELECT sequence_nr, written_at, manifest, payload FROM {s}.snapshots
            WHERE persistence_id = $1 AND sequence_nr <= $2
            ORDER BY sequence_nr DESC LIMIT 1
            """;
        deleteSql = $"DELETE FROM {s}.snapshots WHERE persistence_id = $1 AND sequence_nr <= $2";
    }

    public async Task SaveAsync(SnapshotMetadata metadata, string manifest, string payload, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        await using var connection = await connections.OpenAsync(ct);
        await using var command = new NpgsqlCommand(saveSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadata.PersistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.SequenceNr });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = metadata.Timestamp.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifest });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<SelectedSnapshot?> LoadAsync(
        string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var command = new NpgsqlCommand(loadSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxSequenceNr });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
        return new SelectedSnapshot(metadata, reader.GetString(2), reader.GetString(3));
    }

    public async Task DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var command = new NpgsqlCommand(deleteSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxSequenceNr });
        await command.ExecuteNonQueryAsync(ct);
    }
}
