using System.Diagnostics;

namespace Connectivity.Bench;

/// <summary>
/// One publisher-to-subscriber run of the <c>bridge</c> benchmark: how many were published and how many arrived (each
/// once), first publish to last arrival, how long publishing took, and the sorted publish-to-arrival latencies.
/// </summary>
internal sealed record TrafficResult(
    int Sent, int Arrived, int Duplicates, int Unreadable, int PublishFailures, TimeSpan Elapsed, TimeSpan Publishing, long[] SortedLatencies)
{
    public int Lost => Sent - Arrived;

    /// <summary>Arrivals per second, first publish to last arrival.</summary>
    public double MessagesPerSecond => Elapsed > TimeSpan.Zero ? Arrived / Elapsed.TotalSeconds : 0;

    /// <summary>Publishes per second the publisher achieved.</summary>
    public double PublishRate => Publishing > TimeSpan.Zero ? Sent / Publishing.TotalSeconds : 0;

    /// <summary>The latency at <paramref name="fraction"/> (0..1; 1 = max) in milliseconds.</summary>
    public double LatencyMilliseconds(double fraction) => SortedLatencies.Length == 0
        ? double.NaN
        : SortedLatencies[Math.Min(SortedLatencies.Length - 1, (int)(fraction * SortedLatencies.Length))] * 1000.0 / Stopwatch.Frequency;

    /// <summary>Lost, duplicated, unreadable or refused messages, or nothing when every one arrived exactly once.</summary>
    public string? Problems() =>
        Lost == 0 && Duplicates == 0 && Unreadable == 0 && PublishFailures == 0
            ? null
            : $"lost {Lost:N0} of {Sent:N0}, duplicates {Duplicates:N0}, unreadable {Unreadable:N0}, publishes refused or failed {PublishFailures:N0}";
}
