namespace Connectivity.Model.Monitoring;

/// <summary>Whether a metric counts messages flowing into Ditto (sources) or out of it (targets, responses).</summary>
public enum MetricDirection
{
    Inbound,
    Outbound,
}
