namespace Connectivity.Cluster.Sharding;

/// <summary>
/// Where the shards of a region live, in cluster mode: whether this node holds a shard's lease, and otherwise the
/// internal address of the node that does (null while no node holds it, e.g. during a hand-off).
/// </summary>
public interface IShardLocator
{
    bool IsLocal(string shardId);

    string? OwnerAddress(string shardId);
}
