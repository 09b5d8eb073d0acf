namespace Connectivity.Model.Monitoring;

/// <summary>
/// Wire values of a connectivity status (spec §1.4, §4.7) as used by live and resource statuses. Kept as strings so
/// monitoring stays independent of the connection model's enum.
/// </summary>
public static class LiveStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Failed = "failed";
    public const string Misconfigured = "misconfigured";
    public const string Unknown = "unknown";
}
