using System.Text.Json;
using Connectivity.Persistence.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Connectivity.Persistence.PostgreSql;

/// <summary>
/// One journal batch laid out as the arguments of <c>journal_write</c>: the distinct fences to check, one
/// head per persistence id (sorted, so concurrent batches lock ids in the same order) and the events as
/// parallel arrays. Conflicts inside the batch are found here, before anything is sent. Batches of
/// different callers that write different ids can be combined into one.
/// </summary>
internal sealed class PostgreSqlJournalBatch
{
    private readonly WriteFence[] fences;
    private readonly Head[] heads;
    private readonly IReadOnlyList<PersistentRepr> events;
    private readonly Dictionary<string, WriteFence?> fenceById;

    private PostgreSqlJournalBatch(
        IReadOnlyList<PersistentRepr> events, Dictionary<string, Head> headsById, Dictionary<string, WriteFence?> fenceById)
    {
        this.events = events;
        this.fenceById = fenceById;
        heads = [.. headsById.Values.OrderBy(h => h.Id, StringComparer.Ordinal)];
        fences =
        [
            .. fenceById.Values.OfType<WriteFence>().Distinct()
                .OrderBy(f => f.Region, StringComparer.Ordinal)
                .ThenBy(f => f.ShardId, StringComparer.Ordinal)
                .ThenBy(f => f.Owner, StringComparer.Ordinal)
                .ThenBy(f => f.Epoch),
        ];
    }

    /// <summary>How many events the batch writes.</summary>
    public int EventCount => events.Count;

    /// <summary>The persistence ids the batch writes.</summary>
    public IEnumerable<string> PersistenceIds => fenceById.Keys;

    /// <summary>Lays out a non-empty batch; throws <see cref="JournalConflictException"/> if an id's sequence numbers do not rise.</summary>
    public static PostgreSqlJournalBatch Create(IReadOnlyList<PersistentRepr> events, Func<string, WriteFence?>? fence)
    {
        var headsById = new Dictionary<string, Head>(StringComparer.Ordinal);
        foreach (var evt in events)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(evt.SequenceNr, 1, nameof(events));
            if (headsById.TryGetValue(evt.PersistenceId, out var head))
            {
                if (evt.SequenceNr <= head.Last.SequenceNr)
                {
                    throw new JournalConflictException(evt.PersistenceId, evt.SequenceNr, head.Last.SequenceNr);
                }

                headsById[evt.PersistenceId] = head with { Last = evt };
            }
            else
            {
                headsById[evt.PersistenceId] = new Head(evt.PersistenceId, evt.SequenceNr, evt);
            }
        }

        var fenceById = headsById.Keys.ToDictionary(id => id, id => fence?.Invoke(id), StringComparer.Ordinal);
        return new PostgreSqlJournalBatch(events, headsById, fenceById);
    }

    /// <summary>One batch writing all of the given ones, which write disjoint sets of persistence ids.</summary>
    public static PostgreSqlJournalBatch Combine(IReadOnlyList<PostgreSqlJournalBatch> batches)
    {
        if (batches.Count == 1)
        {
            return batches[0];
        }

        var headsById = new Dictionary<string, Head>(StringComparer.Ordinal);
        var fenceById = new Dictionary<string, WriteFence?>(StringComparer.Ordinal);
        foreach (var batch in batches)
        {
            foreach (var head in batch.heads)
            {
                headsById.Add(head.Id, head);
                fenceById.Add(head.Id, batch.fenceById[head.Id]);
            }
        }

        return new PostgreSqlJournalBatch([.. batches.SelectMany(b => b.events)], headsById, fenceById);
    }

    /// <summary>The arguments of <c>journal_write</c>, in its parameter order.</summary>
    public IEnumerable<NpgsqlParameter> Parameters()
    {
        yield return Text(fences.Select(f => f.Region));
        yield return Text(fences.Select(f => f.ShardId));
        yield return Text(fences.Select(f => f.Owner));
        yield return new NpgsqlParameter<long[]> { TypedValue = [.. fences.Select(f => f.Epoch)] };

        yield return Text(heads.Select(h => h.Id));
        yield return new NpgsqlParameter<long[]> { TypedValue = [.. heads.Select(h => h.First)] };
        yield return new NpgsqlParameter<long[]> { TypedValue = [.. heads.Select(h => h.Last.SequenceNr)] };
        yield return Json(heads.Select(h => h.Last.Tags));

        yield return Text(events.Select(e => e.PersistenceId));
        yield return new NpgsqlParameter<long[]> { TypedValue = [.. events.Select(e => e.SequenceNr)] };
        yield return Text(events.Select(e => e.Manifest));
        yield return Text(events.Select(e => e.Payload));
        yield return Json(events.Select(e => e.Tags));
        yield return new NpgsqlParameter<DateTime[]>
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            TypedValue = [.. events.Select(e => e.Timestamp.UtcDateTime)],
        };
        yield return new NpgsqlParameter<string?[]> { TypedValue = [.. events.Select(e => fenceById[e.PersistenceId]?.Owner)] };
        yield return new NpgsqlParameter<long?[]> { TypedValue = [.. events.Select(e => fenceById[e.PersistenceId]?.Epoch)] };
    }

    /// <summary>The exception for a refusal raised by <c>journal_write</c>, or null if it is another error.</summary>
    public Exception? Translate(PostgresException exception)
    {
        switch (exception.SqlState)
        {
            case "CJ001":
            {
                using var hint = JsonDocument.Parse(exception.Hint ?? "{}");
                var head = heads[hint.RootElement.GetProperty("head").GetInt32() - 1];
                var highest = hint.RootElement.GetProperty("highest").GetInt64();
                return new JournalConflictException(head.Id, head.First, highest);
            }

            case "CF001":
            {
                using var hint = JsonDocument.Parse(exception.Hint ?? "{}");
                var root = hint.RootElement;
                var fence = fences[root.GetProperty("fence").GetInt32() - 1];
                var owner = root.GetProperty("owner").ValueKind == JsonValueKind.String ? root.GetProperty("owner").GetString() : null;
                long? epoch = root.GetProperty("epoch").ValueKind == JsonValueKind.Number ? root.GetProperty("epoch").GetInt64() : null;
                var expired = root.GetProperty("live").ValueKind == JsonValueKind.False;
                return new FencedWriteException(fence, owner, epoch, expired);
            }

            default:
                return null;
        }
    }

    private static NpgsqlParameter<string[]> Text(IEnumerable<string> values) => new() { TypedValue = [.. values] };

    private static NpgsqlParameter<string> Json(IEnumerable<IReadOnlyList<string>> tags) => new()
    {
        NpgsqlDbType = NpgsqlDbType.Jsonb,
        TypedValue = JsonSerializer.Serialize(tags),
    };

    /// <summary>One persistence id's part of the batch: its first sequence number and its last event.</summary>
    private sealed record Head(string Id, long First, PersistentRepr Last);
}
