using Connectivity.Cluster.Sharding;

namespace Connectivity.Service.Root;

/// <summary>Cluster mode: where the root singleton runs (the single shard <see cref="ShardId"/> of its lease region) and how to reach it.</summary>
public sealed record RootSingleton(IShardLocator Locator, IRemoteRegion Remote)
{
    public const string ShardId = "0";
}
