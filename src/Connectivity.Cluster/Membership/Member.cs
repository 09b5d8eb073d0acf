namespace Connectivity.Cluster.Membership;

/// <summary>A node of the cluster as the membership table knows it.</summary>
/// <param name="NodeId">Unique, stable id of the node.</param>
/// <param name="Address">Internal base URL other nodes use to reach this node.</param>
/// <param name="StartedAt">When the node's process started (informational; never compared across nodes).</param>
public sealed record Member(string NodeId, string Address, DateTimeOffset StartedAt);
