using System.Runtime.CompilerServices;
using Connectivity.Persistence.Journal;
using Npgsql;

namespace Connectivity.Persistence.PostgreSql;

/// <summary>
/// The journal in PostgreSQL: events in <c>journal</c>, each id's highest sequence number and latest tags
/// in <c>journal_ids</c>. Batches are written through the <see cref="PostgreSqlJournalWriter"/> by calls of
/// the <c>journal_write</c> function: one round trip, one implicit transaction, checked against the shard
/// lease when the options give a fence.
/// </summary>
internal sealed class PostgreSqlJournal : IJournal
{
    private readonly PostgreSqlConnections connections;
    private readonly Func<string, WriteFence?>? fence;
    private readonly PostgreSqlJournalWriter writer;
    private readonly string replaySql;
    private readonly string highestSql;
    private readonly string deleteSql;
    private readonly string idsByTagSql;
    private readonly string allIdsSql;

    public PostgreSqlJournal(
        PostgreSqlConnections connections, PostgreSqlJournalWriter writer, string quotedSchema, Func<string, WriteFence?>? fence)
    {
        this.connections = connections;
        this.writer = writer;
        this.fence = fence;
        var s = quotedSchema;
        replaySql = $"""
            SELECT sequence_nr, manifest, payload, tags, written_at FROM {s}.journal
            WHERE persistence_id = $1 AND sequence_nr BETWEEN $2 AND $3
            ORDER BY sequence_nr
            """;
        highestSql = $"SELECT highest_sequence_nr FROM {s}.journal_ids WHERE persistence_id = $1";
        deleteSql = $"DELETE FROM {s}.journal WHERE persistence_id = $1 AND sequence_nr <= $2";
        idsByTagSql = $"SELECT persistence_id FROM {s}.journal_ids WHERE latest_tags @> ARRAY[$1] ORDER BY persistence_id";
        allIdsSql = $"SELECT persistence_id FROM {s}.journal_ids ORDER BY persistence_id";
    }

    public async Task WriteAsync(IReadOnlyList<PersistentRepr> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count > 0)
        {
            await writer.WriteAsync(PostgreSqlJournalBatch.Create(events, fence), ct);
        }
    }

    public async IAsyncEnumerable<PersistentRepr> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var command = new NpgsqlCommand(replaySql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new PersistentRepr(
                persistenceId,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<string[]>(3),
                reader.GetFieldValue<DateTimeOffset>(4));
        }
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var command = new NpgsqlCommand(highestSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        return await command.ExecuteScalarAsync(ct) is long highest ? highest : 0;
    }

    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var command = new NpgsqlCommand(deleteSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task<IReadOnlyList<string>> PersistenceIdsByTagAsync(string tag, CancellationToken ct = default) =>
        ReadIdsAsync(idsByTagSql, tag, ct);

    public Task<IReadOnlyList<string>> AllPersistenceIdsAsync(CancellationToken ct = default) =>
        ReadIdsAsync(allIdsSql, null, ct);

    private async Task<IReadOnlyList<string>> ReadIdsAsync(string sql, string? tag, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        if (tag is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tag });
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
