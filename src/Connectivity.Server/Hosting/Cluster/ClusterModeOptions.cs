namespace Connectivity.Server.Hosting.Cluster;

/// <summary>
/// Cluster mode settings (section <c>Connectivity:Cluster</c>; <c>--cluster</c> on the command line enables it). Every
/// node runs the same binary against one PostgreSQL; each needs its own node id and an internal URL the others reach.
/// </summary>
public sealed class ClusterModeOptions
{
    public const string Section = "Connectivity:Cluster";

    /// <summary>Cluster mode on (<c>--cluster</c> or <c>CONNECTIVITY_CLUSTER=true</c>); off means single node with SQLite.</summary>
    public bool Enabled { get; set; }

    /// <summary>PostgreSQL connection string (<c>CONNECTIVITY_POSTGRES</c>), e.g. <c>Host=db;Username=connectivity;Password=...;Database=connectivity</c>.</summary>
    public string PostgresConnectionString { get; set; } = string.Empty;

    /// <summary>Schema of the journal, snapshot, membership and lease tables (<c>CONNECTIVITY_POSTGRES_SCHEMA</c>).</summary>
    public string Schema { get; set; } = "public";

    /// <summary>This node's id (<c>CONNECTIVITY_NODE_ID</c>); default the host name (the pod name on Kubernetes).</summary>
    public string NodeId { get; set; } = Environment.MachineName;

    /// <summary>Where this node listens for other nodes, HTTP/2 cleartext (<c>CONNECTIVITY_INTERNAL_URL</c>).</summary>
    public string InternalUrl { get; set; } = "http://127.0.0.1:9101";

    /// <summary>The URL other nodes use to reach this one when it differs from <see cref="InternalUrl"/>, e.g. <c>http://$(POD_IP):9101</c> (<c>CONNECTIVITY_ADVERTISED_URL</c>).</summary>
    public string? AdvertisedUrl { get; set; }

    /// <summary>Shared secret every node sends to the others (<c>CONNECTIVITY_CLUSTER_SECRET</c>); strongly advised off loopback.</summary>
    public string? Secret { get; set; }

    /// <summary>Heartbeat period of the membership table.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A node whose heartbeat is older than this (at the database's clock) is down.</summary>
    public TimeSpan DownAfter { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Lifetime of a shard lease at the database; renewed every <see cref="LeaseRenewInterval"/>.</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(1);
}
