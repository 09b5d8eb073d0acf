namespace Connectivity.Service;

/// <summary>The real actor paths of the connectivity service's actor tree (ARCHITECTURE.md, "The actor tree").</summary>
public static class ConnectivityPaths
{
    /// <summary>Name of the root actor under <c>/user</c>.</summary>
    public const string RootName = "connectivityRoot";

    /// <summary>Name of the id-retrieval child of the root actor.</summary>
    public const string ConnectionIdsRetrievalName = "connectionIdsRetrieval";

    /// <summary>The connectivity root actor.</summary>
    public const string Root = "/user/" + RootName;

    /// <summary>Answers <c>retrieveAllConnectionIds</c> and <c>sudoRetrieveConnectionIdsByTag</c>.</summary>
    public const string ConnectionIdsRetrieval = Root + "/" + ConnectionIdsRetrievalName;

    /// <summary>Name of the shard region of connection persistence actors under <c>/system/sharding</c>.</summary>
    public const string ShardRegionName = "connection";

    /// <summary>The shard region of connection persistence actors.</summary>
    public const string ConnectionShardRegion = "/system/sharding/" + ShardRegionName;
}
