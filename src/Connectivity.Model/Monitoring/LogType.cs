namespace Connectivity.Model.Monitoring;

/// <summary>Which processing step a connection log entry records (spec §5.2); <see cref="LogEntry.IsValidCombination"/>
/// tells which categories each type may be logged under.</summary>
public enum LogType
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
