namespace Connectivity.Cluster.Membership;

/// <summary>
/// The shared table of cluster members. Every time it compares is the database's clock, never a node's.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Inserts or updates the row of <paramref name="self"/>: heartbeat at the database's now, status up.</summary>
    Task HeartbeatAsync(Member self, CancellationToken ct);

    /// <summary>Members whose status is up and whose last heartbeat is younger than <paramref name="downAfter"/>, sorted by node id.</summary>
    Task<IReadOnlyList<Member>> ReadLiveAsync(TimeSpan downAfter, CancellationToken ct);

    /// <summary>Marks the node as left, so that others drop it at once instead of after the down timeout.</summary>
    Task LeaveAsync(string nodeId, CancellationToken ct);
}
