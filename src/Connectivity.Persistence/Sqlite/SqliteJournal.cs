using System.Runtime.CompilerServices;
using System.Text.Json;
using Connectivity.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace Connectivity.Persistence.Sqlite;

/// <summary>
/// The journal in SQLite: events in <c>journal</c>, each id's highest sequence number in
/// <c>journal_ids</c> (kept after deletes) and the tags of each id's latest event in
/// <c>journal_latest_tags</c>. Writes go through the <see cref="SqliteWriter"/>.
/// </summary>
internal sealed class SqliteJournal(SqliteWriter writer, SqliteReadConnections readers) : IJournal
{
    public Task WriteAsync(IReadOnlyList<PersistentRepr> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var evt in events)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(evt.SequenceNr, 1, nameof(events));
        }

        return writer.WriteAsync(connection => Insert(connection, events), ct);
    }

    public async IAsyncEnumerable<PersistentRepr> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await readers.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence_nr, manifest, payload, tags, timestamp_us FROM journal
            WHERE persistence_id = $id AND sequence_nr BETWEEN $from AND $to
            ORDER BY sequence_nr
            """;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new PersistentRepr(
                persistenceId,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? [] : JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [],
                UnixMicroseconds.ToTimestamp(reader.GetInt64(4)));
        }
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken ct = default)
    {
        await using var connection = await readers.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT highest_sequence_nr FROM journal_ids WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        return await command.ExecuteScalarAsync(ct) is long highest ? highest : 0;
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct = default) =>
        writer.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM journal WHERE persistence_id = $id AND sequence_nr <= $to";
                command.Parameters.AddWithValue("$id", persistenceId);
                command.Parameters.AddWithValue("$to", toSequenceNr);
                command.ExecuteNonQuery();
            },
            ct);

    public Task<IReadOnlyList<string>> PersistenceIdsByTagAsync(string tag, CancellationToken ct = default) =>
        ReadIdsAsync(
            "SELECT persistence_id FROM journal_latest_tags WHERE tag = $tag ORDER BY persistence_id",
            command => command.Parameters.AddWithValue("$tag", tag),
            ct);

    public Task<IReadOnlyList<string>> AllPersistenceIdsAsync(CancellationToken ct = default) =>
        ReadIdsAsync("SELECT persistence_id FROM journal_ids ORDER BY persistence_id", _ => { }, ct);

    private static void Insert(SqliteConnection connection, IReadOnlyList<PersistentRepr> events)
    {
        using var readHighest = connection.CreateCommand();
        readHighest.CommandText = "SELECT highest_sequence_nr FROM journal_ids WHERE persistence_id = $id";
        var readHighestId = readHighest.Parameters.Add("$id", SqliteType.Text);

        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, tags, timestamp_us)
            VALUES ($id, $seq, $manifest, $payload, $tags, $timestamp)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var manifest = insert.Parameters.Add("$manifest", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        var tags = insert.Parameters.Add("$tags", SqliteType.Text);
        var timestamp = insert.Parameters.Add("$timestamp", SqliteType.Integer);

        var latest = new Dictionary<string, PersistentRepr>(StringComparer.Ordinal);
        foreach (var evt in events)
        {
            long highest;
            if (latest.TryGetValue(evt.PersistenceId, out var previous))
            {
                highest = previous.SequenceNr;
            }
            else
            {
                readHighestId.Value = evt.PersistenceId;
                highest = readHighest.ExecuteScalar() is long stored ? stored : 0;
            }

            if (evt.SequenceNr <= highest)
            {
                throw new JournalConflictException(evt.PersistenceId, evt.SequenceNr, highest);
            }

            latest[evt.PersistenceId] = evt;
            id.Value = evt.PersistenceId;
            seq.Value = evt.SequenceNr;
            manifest.Value = evt.Manifest;
            payload.Value = evt.Payload;
            tags.Value = evt.Tags.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(evt.Tags);
            timestamp.Value = UnixMicroseconds.From(evt.Timestamp);
            insert.ExecuteNonQuery();
        }

        foreach (var evt in latest.Values)
        {
            RecordLatest(connection, evt);
        }
    }

    private static void RecordLatest(SqliteConnection connection, PersistentRepr evt)
    {
        using var upsert = connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO journal_ids (persistence_id, highest_sequence_nr) VALUES ($id, $seq)
            ON CONFLICT (persistence_id) DO UPDATE SET highest_sequence_nr = excluded.highest_sequence_nr;
            DELETE FROM journal_latest_tags WHERE persistence_id = $id;
            """;
        upsert.Parameters.AddWithValue("$id", evt.PersistenceId);
        upsert.Parameters.AddWithValue("$seq", evt.SequenceNr);
        upsert.ExecuteNonQuery();

        using var insertTag = connection.CreateCommand();
        insertTag.CommandText = "INSERT OR IGNORE INTO journal_latest_tags (tag, persistence_id) VALUES ($tag, $id)";
        insertTag.Parameters.AddWithValue("$id", evt.PersistenceId);
        var tag = insertTag.Parameters.Add("$tag", SqliteType.Text);
        foreach (var value in evt.Tags)
        {
            tag.Value = value;
            insertTag.ExecuteNonQuery();
        }
    }

    private async Task<IReadOnlyList<string>> ReadIdsAsync(
        string sql, Action<SqliteCommand> bind, CancellationToken ct)
    {
        await using var connection = await readers.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
