namespace Connectivity.Cluster.Membership;

/// <summary>Identity of this node and the timing of membership and shard leases (checked by <see cref="ClusterOptionsValidator"/>).</summary>
public sealed class ClusterOptions
{
    /// <summary>Unique, stable id of this node.</summary>
    public string NodeId { get; set; } = string.Empty;

    /// <summary>Base URL (http or https) other nodes use to reach this node.</summary>
    public string InternalAddress { get; set; } = string.Empty;

    /// <summary>How often this node writes its heartbeat and reads the live members.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A member whose last heartbeat is older than this (database clock) is down.</summary>
    public TimeSpan DownAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an acquired or renewed shard lease lasts (database clock).</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How often held leases are renewed and free shards acquired.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long before a lease's expiry a node whose renewals keep failing gives its shards up:
    /// two renew intervals, so the region has stopped them before another node can take them.
    /// </summary>
    public TimeSpan LeaseSafetyMargin => 2 * LeaseRenewInterval;
}
