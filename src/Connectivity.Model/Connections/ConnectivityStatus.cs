namespace Connectivity.Model.Connections;

/// <summary>Desired or live status of a connection or resource (spec §1.4); only <see cref="Open"/> means "should be connected".</summary>
public enum ConnectivityStatus
{
    Open,
    Closed,
    Failed,
    Misconfigured,
    Unknown,
}
