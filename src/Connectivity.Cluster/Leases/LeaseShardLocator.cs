using Connectivity.Cluster.Membership;
using Connectivity.Cluster.Sharding;

namespace Connectivity.Cluster.Leases;

/// <summary>Answers where a shard lives from the lease manager (who holds which lease) and the membership (their addresses).</summary>
public sealed class LeaseShardLocator(ShardLeaseManager leases, Func<MembershipSnapshot> membership) : IShardLocator
{
    public bool IsLocal(string shardId) => leases.Held.ContainsKey(shardId);

    public string? OwnerAddress(string shardId) =>
        leases.OwnerOf(shardId) is { } owner && owner != leases.NodeId
            ? membership().Members.FirstOrDefault(m => m.NodeId == owner)?.Address
            : null;
}
