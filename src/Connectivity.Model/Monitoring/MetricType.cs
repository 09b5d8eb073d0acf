namespace Connectivity.Model.Monitoring;

/// <summary>What a metric counts (spec §5.1). The declaration order is the JSON order.</summary>
public enum MetricType
{
    Consumed,
    Dispatched,
    Filtered,
    Mapped,
    Dropped,
    Enforced,
    Published,
    Acknowledged,
    Throttled,
    Other,
}
