using Connectivity.Persistence.Snapshots;

namespace Connectivity.Persistence.Sqlite;

/// <summary>Snapshots in SQLite's <c>snapshots</c> table; writes go through the <see cref="SqliteWriter"/>.</summary>
internal sealed class SqliteSnapshotStore(SqliteWriter writer, SqliteReadConnections readers) : ISnapshotStore
{
    public Task SaveAsync(SnapshotMetadata metadata, string manifest, string payload, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return writer.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT OR REPLACE INTO snapshots (persistence_id, sequence_nr, timestamp_us, manifest, payload)
                    VALUES ($id, $seq, $timestamp, $manifest, $payload)
                    """;
                command.Parameters.AddWithValue("$id", metadata.PersistenceId);
                command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
                command.Parameters.AddWithValue("$timestamp", UnixMicroseconds.From(metadata.Timestamp));
                command.Parameters.AddWithValue("$manifest", manifest);
                command.Parameters.AddWithValue("$payload", payload);
                command.ExecuteNonQuery();
            },
            ct);
    }

    public async Task<SelectedSnapshot?> LoadAsync(
        string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken ct = default)
    {
        await using var connection = await readers.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence_nr, timestamp_us, manifest, payload FROM snapshots
            WHERE persistence_id = $id AND sequence_nr <= $max
            ORDER BY sequence_nr DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$max", maxSequenceNr);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var metadata = new SnapshotMetadata(
            persistenceId, reader.GetInt64(0), UnixMicroseconds.ToTimestamp(reader.GetInt64(1)));
        return new SelectedSnapshot(metadata, reader.GetString(2), reader.GetString(3));
    }

    public Task DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken ct = default) =>
        writer.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM snapshots WHERE persistence_id = $id AND sequence_nr <= $max";
                command.Parameters.AddWithValue("$id", persistenceId);
                command.Parameters.AddWithValue("$max", maxSequenceNr);
                command.ExecuteNonQuery();
            },
            ct);
}
