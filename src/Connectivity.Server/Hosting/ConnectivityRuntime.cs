using Connectivity.Actors;
using Connectivity.Cluster.Sharding;
using Connectivity.Model.Signals;
using Connectivity.Model.Validation;
using Connectivity.Model.Errors;
using Connectivity.Persistence.Actors;
using Connectivity.Persistence.Sqlite;
using Connectivity.Service;
using Connectivity.Service.Clients;
using Connectivity.Service.Connections;
using Connectivity.Service.Monitoring;
using Connectivity.Service.Root;
using Microsoft.Extensions.Options;

namespace Connectivity.Server.Hosting;

/// <summary>
/// Starts the service's actor tree on the embedded SQLite store before the HTTP server listens, and stops it (closing
/// the connections) after the server stopped: <c>/user/connectivityRoot</c> and <c>/system/sharding/connection</c>.
/// Connections whose desired status is open are woken by the region and reopen by themselves.
/// </summary>
public sealed partial class ConnectivityRuntime(
    ActorSystem system,
    IOptions<ServerOptions> serverOptions,
    ConnectivityLimits limits,
    IOptions<ClientActorSettings> clientSettings,
    IOptions<ConnectionLoggerOptions> loggerOptions,
    IOptions<Gateway.GatewayOptions> gatewayOptions,
    IEnumerable<IConnectionClientFactory> clientFactories,
    ILoggerFactory loggerFactory,
    ILogger<ConnectivityRuntime> logger) : IHostedService
{
    private readonly List<IDisposable> subscriptions = [];
    private SqliteStore? store;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = serverOptions.Value;
        var dataDir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dataDir);
        var databasePath = Path.Combine(dataDir, "connectivity.db");
        store = await SqliteStore.OpenAsync(databasePath, cancellationToken);
        LogStoreOpened(logger, databasePath);
        PersistenceExtension.Register(system, new PersistenceSettings(store.Journal, store.Snapshots, options.SnapshotEvery, options.MaxConcurrentRecoveries));
        SubscribeToSystemEvents();

        var dependencies = new ConnectionActorDependencies(
            new ConnectionValidator(limits),
            clientFactories.ToDictionary(f => f.Type),
            clientSettings.Value with { InstanceId = gatewayOptions.Value.InstanceId },
            loggerOptions.Value,
            NoClientAnnouncements.Instance,
            loggerFactory);
        var journal = store.Journal;
        var region = new ShardRegionSettings(
            id => ConnectionPersistenceActor.Props(id, dependencies, system.TimeProvider),
            message => message is IConnectionCommand command ? command.ConnectionId : null,
            async ct => (await journal.PersistenceIdsByTagAsync(ConnectionJournalTags.AlwaysAlive, ct))
                .Select(ConnectionJournalTags.ConnectionIdOf).ToList(),
            options.NumberOfShards,
            message => message is IConnectivityCommand command
                ? new ConnectivityErrorResponse(ConnectivityErrors.SignalIllegal(
                    $"The command '{command.Type}' is not addressed to a connection; send it to {ConnectivityPaths.ConnectionIdsRetrieval}."), command.Headers)
                : null);

        system.ActorOf(ConnectivityRootActor.Props(journal), ConnectivityPaths.RootName);
        system.SystemActorOf(
            ShardingGuardianActor.Props(new Dictionary<string, ShardRegionSettings> { [ConnectivityPaths.ShardRegionName] = region }),
            ShardingGuardianActor.Name);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await system.Terminate();
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    private void SubscribeToSystemEvents()
    {
        subscriptions.Add(system.EventStream.Subscribe<ActorError>(e => LogActorError(logger, e.Path.ToString(), e.Exception)));
        subscriptions.Add(system.EventStream.Subscribe<DeadLetter>(d => LogDeadLetter(logger, d.Message, d.Recipient.Path)));
        subscriptions.Add(system.EventStream.Subscribe<SaveSnapshotFailure>(f => LogSnapshotFailed(logger, f.PersistenceId, f.Cause)));
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
