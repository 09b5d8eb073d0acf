using System.Diagnostics;

namespace Connectivity.Bench;

/// <summary>
/// What a subscriber of the <c>bridge</c> benchmark received, by sequence number: distinct arrivals (each once),
/// duplicates, unreadable payloads, the latency of each (publish to arrival, Stopwatch ticks; the publisher is in this
/// process) and when the last new one arrived. Fed by one client's delivery loop, read by the benchmark.
/// </summary>
internal sealed class Arrivals(int expected)
{
    private readonly bool[] seen = new bool[expected];
    private readonly long[] latencies = new long[expected];
    private readonly TaskCompletionSource complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int distinct;
    private int duplicates;
    private int unreadable;
    private long lastArrival;

    public int Distinct => Volatile.Read(ref distinct);

    public int Duplicates => Volatile.Read(ref duplicates);

    public int Unreadable => Volatile.Read(ref unreadable);

    /// <summary>Stopwatch timestamp of the last new arrival (0 before the first).</summary>
    public long LastArrival => Volatile.Read(ref lastArrival);

    /// <summary>Completes once every expected sequence number arrived.</summary>
    public Task Complete => complete.Task;

    public void Record(ReadOnlySpan<byte> payload)
    {
        var now = Stopwatch.GetTimestamp();
        if (!BridgePayloads.TryRead(payload, out var seq, out var sentAt) || seq >= seen.Length)
        {
            Interlocked.Increment(ref unreadable);
            return;
        }

        if (seen[seq])
        {
            Interlocked.Increment(ref duplicates);
            return;
        }

        seen[seq] = true;
        latencies[seq] = now - sentAt;
        Volatile.Write(ref lastArrival, now);
        if (Interlocked.Increment(ref distinct) == seen.Length)
        {
            complete.TrySetResult();
        }
    }

    /// <summary>The latencies of the messages that arrived, sorted (Stopwatch ticks).</summary>
    public long[] SortedLatencies()
    {
        var arrived = latencies.Where((_, seq) => seen[seq]).ToArray();
        Array.Sort(arrived);
        return arrived;
    }
}
