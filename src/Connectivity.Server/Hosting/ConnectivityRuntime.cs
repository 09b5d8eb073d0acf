using Connectivity.Actors;
using Connectivity.Cluster.Sharding;
using Connectivity.Model.Signals;
using Connectivity.Model.Validation;
using Connectivity.Model.Errors;
using Connectivity.Persistence.Actors;
using Connectivity.Persistence.Journal;
using Connectivity.Persistence.Snapshots;
using Connectivity.Persistence.Sqlite;
using Connectivity.Server.Hosting.Cluster;
using Connectivity.Service;
using Connectivity.Service.Clients;
using Connectivity.Service.Connections;
using Connectivity.Service.DataPlane;
using Connectivity.Service.Mapping;
using Connectivity.Service.Monitoring;
using Connectivity.Service.Monitoring.Fluent;
using Connectivity.Service.Root;
using Microsoft.Extensions.Options;

namespace Connectivity.Server.Hosting;

/// <summary>
/// Starts the service's actor tree before the HTTP server listens, and stops it (closing the connections) after the
/// server stopped: <c>/user/connectivityRoot</c>, <c>/system/clients</c> (the clients other nodes place here) and
/// <c>/system/sharding/connection</c>. Single-node mode keeps the
/// journal in SQLite; cluster mode in PostgreSQL, with this node's shards given by leases (<see cref="ClusterNode"/>).
/// Connections whose desired status is open are woken by the region and reopen by themselves. On shutdown the
/// shards are handed off while the web server still serves (requests in flight are forwarded to the new owners), and
/// the actor system stops only after the web server has drained its requests.
/// </summary>
public sealed partial class ConnectivityRuntime(
    ActorSystem system,
    IOptions<ServerOptions> serverOptions,
    IOptions<ClusterModeOptions> clusterOptions,
    ClusterNode clusterNode,
    ConnectivityLimits limits,
    IOptions<ClientActorSettings> clientSettings,
    IOptions<ConnectionLoggerOptions> loggerOptions,
    ConnectionLogPublisher logPublisher,
    IOptions<Gateway.GatewayOptions> gatewayOptions,
    IEnumerable<IConnectionClientFactory> clientFactories,
    ISignalRouter signalRouter,
    IOptions<MappingSettings> mappingSettings,
    ILoggerFactory loggerFactory,
    ILogger<ConnectivityRuntime> logger) : IHostedLifecycleService
{
    private readonly List<IDisposable> subscriptions = [];
    private SqliteStore? store;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = serverOptions.Value;
        var cluster = clusterOptions.Value.Enabled ? clusterNode : null;
        var (journal, snapshots) = cluster is null ? await OpenSqliteAsync(options, cancellationToken) : await StartClusterAsync(options, cancellationToken);
        PersistenceExtension.Register(system, new PersistenceSettings(journal, snapshots, options.SnapshotEvery, options.MaxConcurrentRecoveries));
        SubscribeToSystemEvents();

        var dependencies = new ConnectionActorDependencies(
            new ConnectionValidator(limits),
            clientFactories.ToDictionary(f => f.Type),
            clientSettings.Value with { InstanceId = gatewayOptions.Value.InstanceId },
            loggerOptions.Value,
            Announcements: null,
            loggerFactory)
        {
            DataPlane = new DataPlaneDependencies(signalRouter, mappingSettings.Value.Validate()),
            ClusterMemberCount = cluster is null ? () => 1 : () => Math.Max(1, cluster.Membership.Current.Members.Count),
            Placement = cluster is null ? null : new ClusterClientPlacement(cluster),
            LogPublisher = logPublisher.IsEnabled ? logPublisher : null,
        };
        var region = new ShardRegionSettings(
            id => ConnectionPersistenceActor.Props(id, dependencies, system.TimeProvider),
            message => message is IConnectionCommand command ? command.ConnectionId : null,
            async ct => (await journal.PersistenceIdsByTagAsync(ConnectionJournalTags.AlwaysAlive, ct))
                .Select(ConnectionJournalTags.ConnectionIdOf).ToList(),
            options.NumberOfShards,
            message => message is IConnectivityCommand command
                ? new ConnectivityErrorResponse(ConnectivityErrors.SignalIllegal(
                    $"The command '{command.Type}' is not addressed to a connection; send it to {ConnectivityPaths.ConnectionIdsRetrieval}."), command.Headers)
                : null)
        {
            Cluster = cluster is null ? null : (cluster.ConnectionShards, cluster.RemoteRegion),
            MessageTimeout = message => message is IConnectivityCommand command ? command.Headers.Timeout : null,
            DefaultMessageTimeout = gatewayOptions.Value.DefaultTimeout,
        };

        var singleton = cluster is null ? null : new RootSingleton(cluster.Singleton, cluster.RemoteRegion);
        system.ActorOf(ConnectivityRootActor.Props(journal, singleton), ConnectivityPaths.RootName);
        system.SystemActorOf(
            ClientHostActor.Props(
                dependencies,
                cluster is null ? null : () => cluster.Membership.Current.Members.Select(m => m.NodeId).ToHashSet(StringComparer.Ordinal),
                clusterOptions.Value.HeartbeatInterval),
            ClientHostActor.Name);
        if (cluster is not null && signalRouter is ClusterSignalRouter clusterRouter)
        {
            var peers = new SignalRouterPeers(
                cluster.NodeId,
                cluster.Membership.Self.Address,
                () => [.. cluster.Membership.Current.Members.Select(m => (m.NodeId, m.Address))],
                address => cluster.Transport.RemoteRef(address, SignalRouterActor.Path));
            system.SystemActorOf(
                SignalRouterActor.Props(clusterRouter, peers, clusterOptions.Value.HeartbeatInterval, loggerFactory.CreateLogger<SignalRouterActor>()),
                SignalRouterActor.Name);
        }

        system.SystemActorOf(
            ShardingGuardianActor.Props(new Dictionary<string, ShardRegionSettings> { [ConnectivityPaths.ShardRegionName] = region }),
            ShardingGuardianActor.Name);
        cluster?.StartLeases();
    }

    /// <summary>Graceful leave in cluster mode: hand every shard off and release its lease while requests are still served.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (clusterOptions.Value.Enabled)
        {
            await clusterNode.LeaveAsync(cancellationToken);
        }
    }

    /// <summary>After the web server stopped: stop the actors (closing what still runs), then the stores.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (clusterOptions.Value.Enabled && system.ResolvePath(ConnectivityPaths.ConnectionShardRegion) is { } region)
        {
            try
            {
                // Messages other nodes handed to this region while its shards moved are forwarded before the actors stop.
                await region.Ask<WaitingFlushed>(FlushWaiting.Instance, TimeSpan.FromSeconds(10), cancellationToken);
            }
            catch (TimeoutException e)
            {
                LogFlushTimedOut(logger, e.Message);
            }
        }

        await system.Terminate();
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        if (store is not null)
        {
            await store.DisposeAsync();
        }

        await clusterNode.DisposeAsync();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<(IJournal, ISnapshotStore)> OpenSqliteAsync(ServerOptions options, CancellationToken ct)
    {
        var dataDir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dataDir);
        var databasePath = Path.Combine(dataDir, "connectivity.db");
        store = await SqliteStore.OpenAsync(databasePath, ct);
        LogStoreOpened(logger, databasePath);
        return (store.Journal, store.Snapshots);
    }

    private async Task<(IJournal, ISnapshotStore)> StartClusterAsync(ServerOptions options, CancellationToken ct)
    {
        await clusterNode.StartAsync(options.NumberOfShards, ct);
        return (clusterNode.Store.Journal, clusterNode.Store.Snapshots);
    }

    private void SubscribeToSystemEvents()
    {
        subscriptions.Add(new UnobservedTaskExceptionLog(logger));
        subscriptions.Add(system.EventStream.Subscribe<ActorError>(e => LogActorError(logger, e.Path.ToString(), e.Exception)));
        subscriptions.Add(system.EventStream.Subscribe<DeadLetter>(OnDeadLetter));
        subscriptions.Add(system.EventStream.Subscribe<SaveSnapshotFailure>(f => LogSnapshotFailed(logger, f.PersistenceId, f.Cause)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping with messages still waiting for a shard owner: {Reason}")]
    private static partial void LogFlushTimedOut(ILogger logger, string reason);

    /// <summary>
    /// A command whose recipient stopped (e.g. its connection moved to another node meanwhile) is answered at once with
    /// 503 <c>connection.unavailable</c>, so the caller can retry instead of waiting for its timeout.
    /// </summary>
    private void OnDeadLetter(DeadLetter deadLetter)
    {
        LogDeadLetter(logger, deadLetter.Message, deadLetter.Recipient.Path);
        var command = deadLetter.Message switch
        {
            IConnectionCommand direct => direct,
            ShardingEnvelope { Message: IConnectionCommand wrapped } => wrapped,
            _ => null,
        };
        if (command is not null && !deadLetter.Sender.Equals(system.DeadLetters) && !deadLetter.Sender.Equals(ActorRefs.NoSender))
        {
            deadLetter.Sender.Tell(new ConnectivityErrorResponse(
                ConnectivityErrors.ConnectionUnavailable(command.ConnectionId, "The connection is moving between nodes; retry the request."), command.Headers));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal and snapshots in {Path}")]
    private static partial void LogStoreOpened(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Actor {Path} failed")]
    private static partial void LogActorError(ILogger logger, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dead letter {MessageType} to {Recipient}")]
    private static partial void LogDeadLetter(ILogger logger, object messageType, ActorPath recipient);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving a snapshot of {PersistenceId} failed")]
    private static partial void LogSnapshotFailed(ILogger logger, string persistenceId, Exception exception);
}
