using System.Collections.Concurrent;
using Connectivity.Actors;
using Connectivity.Cluster.Leases;
using Connectivity.Cluster.Membership;
using Connectivity.Cluster.Sharding;
using Connectivity.Cluster.Transport;
using Connectivity.Persistence.PostgreSql;
using Connectivity.Service;
using Connectivity.Service.Cluster;
using Connectivity.Service.Connections;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Connectivity.Server.Hosting.Cluster;

/// <summary>
/// This process as a member of a connectivity cluster: the PostgreSQL journal fenced by shard leases, the membership
/// heartbeat, the node-to-node transport and the lease managers of the connection shards and of the root singleton.
/// Start order: store, then membership (wait until this node sees itself); the lease managers start once the
/// actors exist (<see cref="StartLeases"/>). Stop order hands every shard off before leaving the membership.
/// </summary>
public sealed partial class ClusterNode : IAsyncDisposable
{
    public const string SingletonRegion = "singleton";

    private readonly ClusterModeOptions settings;
    private readonly ActorSystem system;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger<ClusterNode> logger;
    private NpgsqlDataSource? dataSource;
    private ShardLeaseManager? connectionLeases;
    private ShardLeaseManager? singletonLeases;

    public ClusterNode(IOptions<ClusterModeOptions> options, ActorSystem system, ILoggerFactory loggerFactory, ILogger<ClusterNode> logger)
    {
        settings = options.Value;
        this.system = system;
        this.loggerFactory = loggerFactory;
        this.logger = logger;
        Transport = new ClusterTransportClient(
            system,
            ConnectivitySerialization.Register(new MessageSerializerRegistry()),
            new ClusterTransportOptions { InternalUrl = settings.InternalUrl, AdvertisedUrl = settings.AdvertisedUrl, Secret = settings.Secret },
            loggerFactory.CreateLogger<ClusterTransportClient>());
        RemoteRegion = new TransportRemoteRegion(Transport);
    }

    public PostgreSqlStore Store { get; private set; } = null!;

    public MembershipService Membership { get; private set; } = null!;

    public ClusterTransportClient Transport { get; }

    public IRemoteRegion RemoteRegion { get; }

    public IShardLocator ConnectionShards { get; private set; } = null!;

    /// <summary>Where the root singleton lives: its only shard is <c>"0"</c>.</summary>
    public IShardLocator Singleton { get; private set; } = null!;

    public string NodeId => settings.NodeId;

    public async Task StartAsync(int numberOfShards, CancellationToken ct)
    {
        var clusterOptions = new ClusterOptions
        {
            NodeId = settings.NodeId,
            InternalAddress = (settings.AdvertisedUrl ?? settings.InternalUrl).TrimEnd('/'),
            HeartbeatInterval = settings.HeartbeatInterval,
            DownAfter = settings.DownAfter,
            LeaseTtl = settings.LeaseTtl,
            LeaseRenewInterval = settings.LeaseRenewInterval,
        };
        Store = await PostgreSqlStore.OpenAsync(
            settings.PostgresConnectionString,
            new PostgreSqlStoreOptions { Schema = settings.Schema, Fence = pid => FenceOf(pid, numberOfShards) },
            ct);
        dataSource = NpgsqlDataSource.Create(settings.PostgresConnectionString);
        Membership = new MembershipService(
            new PostgreSqlMembershipTable(dataSource, settings.Schema), Options.Create(clusterOptions), system.TimeProvider,
            loggerFactory.CreateLogger<MembershipService>());
        await Membership.StartAsync(ct);
        await WaitUntilMemberAsync(ct);
        LogJoined(logger, settings.NodeId, string.Join(", ", Membership.Current.Members.Select(m => m.NodeId)));


        var leaseTable = new PostgreSqlShardLeaseTable(dataSource, settings.Schema);
        connectionLeases = new ShardLeaseManager(
            ConnectivityPaths.ShardRegionName, numberOfShards, leaseTable, () => Membership.Current, clusterOptions, system.TimeProvider,
            loggerFactory.CreateLogger<ShardLeaseManager>(), HandOffAsync);
        singletonLeases = new ShardLeaseManager(
            SingletonRegion, 1, leaseTable, () => Membership.Current, clusterOptions, system.TimeProvider, loggerFactory.CreateLogger<ShardLeaseManager>());
        ConnectionShards = new LeaseShardLocator(connectionLeases, () => Membership.Current);
        Singleton = new LeaseShardLocator(singletonLeases, () => Membership.Current);
    }

    /// <summary>Connects the lease events to the connection region and starts acquiring leases.</summary>
    public void StartLeases()
    {
        // A lease taken again under a new epoch without a loss being noticed in between (e.g. the process was frozen)
        // means the shard's entities may be stale: report the loss first, so the region restarts them from the journal.
        var homedEpochs = new ConcurrentDictionary<string, long>();
        connectionLeases!.ShardAcquired += lease =>
        {
            if (homedEpochs.TryGetValue(lease.ShardId, out var previous) && previous != lease.Epoch)
            {
                Region()?.Tell(new ShardLostLocally(lease.ShardId));
            }

            homedEpochs[lease.ShardId] = lease.Epoch;
            Region()?.Tell(new ShardHomed(lease.ShardId));
        };
        connectionLeases.ShardLost += shardId =>
        {
            homedEpochs.TryRemove(shardId, out _);
            Region()?.Tell(new ShardLostLocally(shardId));
        };
        connectionLeases.Start();
        singletonLeases!.Start();
    }

    /// <summary>Graceful leave: hand every shard off (entities stop, connections close), release the leases, leave.</summary>
    public async Task LeaveAsync(CancellationToken ct)
    {
        if (connectionLeases is not null)
        {
            await connectionLeases.StopAsync();
        }

        if (singletonLeases is not null)
        {
            await singletonLeases.StopAsync();
        }

        await Membership.StopAsync(ct);
        LogLeft(logger, settings.NodeId);
    }

    public async ValueTask DisposeAsync()
    {
        if (connectionLeases is not null)
        {
            await connectionLeases.DisposeAsync();
        }

        if (singletonLeases is not null)
        {
            await singletonLeases.DisposeAsync();
        }

        await Transport.DisposeAsync();

        Membership?.Dispose();
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }

        if (Store is not null)
        {
            await Store.DisposeAsync();
        }
    }

    /// <summary>The fence of a journal write: the held lease of the connection's shard, or one the database refuses.</summary>
    private WriteFence? FenceOf(string persistenceId, int numberOfShards)
    {
        if (!persistenceId.StartsWith("connection:", StringComparison.Ordinal))
        {
            return null;
        }

        var shardId = StableHash.ShardOf(ConnectionJournalTags.ConnectionIdOf(persistenceId), numberOfShards);
        return connectionLeases?.Held.TryGetValue(shardId, out var lease) == true
            ? new WriteFence(lease.Region, lease.ShardId, lease.Owner, lease.Epoch)
            : new WriteFence(ConnectivityPaths.ShardRegionName, shardId, settings.NodeId, Epoch: -1);
    }

    private async Task HandOffAsync(string shardId)
    {
        if (Region() is { } region)
        {
            await region.Ask<ShardHandedOff>(new HandOffShard(shardId), TimeSpan.FromSeconds(30));
        }
    }

    private IActorRef? Region() => system.ResolvePath(ConnectivityPaths.ConnectionShardRegion);

    private async Task WaitUntilMemberAsync(CancellationToken ct)
    {
        while (!Membership.Current.Contains(settings.NodeId))
        {
            await Task.Delay(settings.HeartbeatInterval / 4, system.TimeProvider, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} joined the cluster; members: {Members}")]
    private static partial void LogJoined(ILogger logger, string nodeId, string members);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} handed its shards off and left the cluster")]
    private static partial void LogLeft(ILogger logger, string nodeId);
}
