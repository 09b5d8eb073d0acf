using System.Diagnostics;
using Connectivity.Persistence.Journal;
using Xunit;
using Xunit.Abstractions;

namespace Connectivity.TestKit.Persistence;

/// <summary>
/// Many writers appending single events to their own ids at once: reports throughput and latency of a journal and
/// asserts only that nothing got lost (figures are printed, never asserted).
/// </summary>
public static class ConcurrentWriters
{
    public static async Task WriteAndCheckAsync(IJournal journal, ITestOutputHelper output, int writers = 64, int eventsPerWriter = 100)
    {
        var latencies = new double[writers * eventsPerWriter];
        await journal.WriteAsync([new PersistentRepr("warm-up", 1, "bench", "{}", [], DateTimeOffset.UtcNow)]);

        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var n = 1; n <= eventsPerWriter; n++)
            {
                var write = Stopwatch.StartNew();
                await journal.WriteAsync(
                    [new PersistentRepr($"writer-{w}", n, "bench", """{"value":42,"text":"some payload"}""", [], DateTimeOffset.UtcNow)]);
                latencies[(w * eventsPerWriter) + n - 1] = write.Elapsed.TotalMilliseconds;
            }
        })));
        total.Stop();

        Array.Sort(latencies);
        output.WriteLine(
            $"{latencies.Length} single-event writes by {writers} writers in {total.Elapsed.TotalMilliseconds:F0} ms: " +
            $"{latencies.Length / total.Elapsed.TotalSeconds:F0} events/s; latency p50 {latencies[latencies.Length / 2]:F2} ms, " +
            $"p99 {latencies[latencies.Length * 99 / 100]:F2} ms");
        for (var w = 0; w < writers; w++)
        {
            Assert.Equal(eventsPerWriter, await journal.ReadHighestSequenceNrAsync($"writer-{w}"));
        }
    }
}
