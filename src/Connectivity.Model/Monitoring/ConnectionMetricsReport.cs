namespace Connectivity.Model.Monitoring;

/// <summary>
/// Everything one client instance (or the merge of all) knows about a connection's metrics: connection-wide,
/// per source address and per target address.
/// </summary>
public sealed record ConnectionMetricsReport(ConnectionMetrics ConnectionMetrics, SourceMetrics SourceMetrics, TargetMetrics TargetMetrics)
{
    /// <summary>The metrics of a connection without running clients (spec §2.9, §5.1).</summary>
    public static ConnectionMetricsReport Empty { get; } = new(ConnectionMetrics.Empty, SourceMetrics.Empty, TargetMetrics.Empty);

    public bool ContainsFailures => ConnectionMetrics.ContainsFailures;

    /// <summary>Merges another client's report: counters summed, latest <c>lastMessageAt</c> kept.</summary>
    public ConnectionMetricsReport Merge(ConnectionMetricsReport other) =>
        new(ConnectionMetrics.Merge(other.ConnectionMetrics), SourceMetrics.Merge(other.SourceMetrics), TargetMetrics.Merge(other.TargetMetrics));
}
