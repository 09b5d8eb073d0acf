using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Connectivity.Persistence.Journal;

namespace Connectivity.Persistence.Tests.Actors;

/// <summary>
/// Wraps a journal to watch replays: where each started, how many run at once (at most), and, while
/// <see cref="HoldReplays"/> is set, keeps every replay waiting until <see cref="ReleaseOneReplay"/>; while
/// <see cref="RefuseWrites"/> is set, fails every write.
/// </summary>
public sealed class ObservedJournal(IJournal inner) : IJournal
{
    private readonly Channel<bool> replayPermits = Channel.CreateUnbounded<bool>();
    private int running;
    private int peak;
    private int started;

    public bool HoldReplays { get; init; }

    public bool RefuseWrites { get; init; }

    public ConcurrentQueue<(string PersistenceId, long FromSequenceNr)> Replays { get; } = new();

    public int PeakConcurrentReplays => Volatile.Read(ref peak);

    public int StartedReplays => Volatile.Read(ref started);

    public void ReleaseOneReplay() => replayPermits.Writer.TryWrite(true);

    public async IAsyncEnumerable<PersistentRepr> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, [EnumeratorCancellation] CancellationToken ct = default)
    {
        Replays.Enqueue((persistenceId, fromSequenceNr));
        var now = Interlocked.Increment(ref running);
        InterlockedMax(ref peak, now);
        Interlocked.Increment(ref started);
        try
        {
            if (HoldReplays)
            {
                await replayPermits.Reader.ReadAsync(ct);
            }

            await foreach (var evt in inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, ct))
            {
                yield return evt;
            }
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }

    public Task WriteAsync(IReadOnlyList<PersistentRepr> events, CancellationToken ct = default) =>
        RefuseWrites ? Task.FromException(new IOException("Journal unavailable.")) : inner.WriteAsync(events, ct);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken ct = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, ct);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, ct);

    public Task<IReadOnlyList<string>> PersistenceIdsByTagAsync(string tag, CancellationToken ct = default) =>
        inner.PersistenceIdsByTagAsync(tag, ct);

    public Task<IReadOnlyList<string>> AllPersistenceIdsAsync(CancellationToken ct = default) => inner.AllPersistenceIdsAsync(ct);

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
