using Connectivity.Actors;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Connectivity.Service.Connections;
using Connectivity.Service.Monitoring;
using Microsoft.Extensions.Logging;

namespace Connectivity.Service.Clients;

/// <summary>
/// <c>/system/clients</c> on every node: runs the clients that connection actors on other nodes place here
/// (<see cref="StartRemoteClient"/>, <see cref="StopRemoteClient"/>), each named <c>&lt;connectionId&gt;-client-&lt;index&gt;</c>,
/// with a connection log and metrics of this node per connection. Every <c>orphanCheckInterval</c> it stops the
/// clients whose owner node is no longer live, so no physical connection outlives its connection actor.
/// </summary>
public sealed partial class ClientHostActor : ActorBase
{
    public const string Name = "clients";
    public const string Path = "/system/" + Name;

    private readonly ConnectionActorDependencies dependencies;
    private readonly Func<IReadOnlySet<string>>? liveNodes;
    private readonly TimeSpan orphanCheckInterval;
    private readonly ILogger logger;
    private readonly Dictionary<string, HostedClient> hosted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ConnectionLogger Log, ConnectionMetricsCollector Metrics)> monitoring = new(StringComparer.Ordinal);
    private long generation;

    private ClientHostActor(ConnectionActorDependencies dependencies, Func<IReadOnlySet<string>>? liveNodes, TimeSpan orphanCheckInterval)
    {
        this.dependencies = dependencies;
        this.liveNodes = liveNodes;
        this.orphanCheckInterval = orphanCheckInterval;
        logger = dependencies.LoggerFactory.CreateLogger<ClientHostActor>();
    }

    /// <summary>
    /// Props of the host; <paramref name="liveNodes"/> gives the node ids of the live members (null in single-node
    /// mode: no orphan check).
    /// </summary>
    public static Props Props(ConnectionActorDependencies dependencies, Func<IReadOnlySet<string>>? liveNodes, TimeSpan orphanCheckInterval) =>
        Actors.Props.Create(() => new ClientHostActor(dependencies, liveNodes, orphanCheckInterval));

    /// <summary>The name of client <paramref name="clientIndex"/> of connection <paramref name="connectionId"/> on its host.</summary>
    public static string ClientName(string connectionId, int clientIndex) =>
        $"{connectionId}-client-{clientIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    protected override ValueTask PreStart()
    {
        if (liveNodes is not null)
        {
            Context.Timers.StartPeriodicTimer(OrphanCheck.Instance, OrphanCheck.Instance, orphanCheckInterval);
        }

        return default;
    }

    protected override ValueTask OnReceive(object message)
    {
        switch (message)
        {
            case StartRemoteClient start:
                Start(start);
                break;
            case StopRemoteClient stop when hosted.TryGetValue(ClientName(stop.ConnectionId, stop.ClientIndex), out var client):
                StopClient(ClientName(stop.ConnectionId, stop.ClientIndex), client);
                break;
            case StopRemoteClient:
                break;
            case OrphanCheck:
                StopOrphans();
                break;
            case Terminated terminated:
                OnTerminated(terminated.ActorRef);
                break;
            default:
                Unhandled(message);
                break;
        }

        return default;
    }

    private void Start(StartRemoteClient start)
    {
        var connection = start.Connection;
        var key = ClientName(connection.Id, start.ClientIndex);
        if (hosted.TryGetValue(key, out var existing))
        {
            hosted.Remove(key);
            Context.Unwatch(existing.Actor);
            Context.Stop(existing.Actor);
        }

        if (!dependencies.ClientFactories.TryGetValue(connection.Type, out var factory))
        {
            Sender.Tell(new Status.Failure(ConnectivityErrors.ConnectionFailed(
                $"Connections of type '{connection.Type.ToWire()}' cannot be opened by this service yet.")), Self);
            return;
        }

        var (log, metrics) = MonitoringOf(connection);
        var name = Context.Child(key) is null ? key : key + "-" + ++generation;
        var actor = Context.Watch(Context.ActorOf(
            ClientActor.Props(
                connection, start.ClientIndex, factory, dependencies.ClientSettings, log, metrics, dependencies.Announcements, dependencies.LoggerFactory, dependencies.DataPlane),
            name));
        hosted[key] = new HostedClient(connection.Id, start.OwnerNode, actor);
        LogStarted(logger, connection.Id, start.ClientIndex, start.OwnerNode);
        Sender.Tell(new RemoteClientStarted(actor.Path.ToString()), Self);
    }

    private (ConnectionLogger Log, ConnectionMetricsCollector Metrics) MonitoringOf(Connection connection)
    {
        if (!monitoring.TryGetValue(connection.Id, out var entry))
        {
            entry = (
                new ConnectionLogger(connection.Id, dependencies.LoggerOptions, Context.System.TimeProvider, dependencies.LogPublisher),
                new ConnectionMetricsCollector(Context.System.TimeProvider));
            monitoring[connection.Id] = entry;
        }

        entry.Metrics.RegisterAddresses(connection.Sources.SelectMany(s => s.Addresses), connection.Targets.Select(t => t.Address));
        return entry;
    }

    private void StopOrphans()
    {
        var live = liveNodes!();
        if (live.Count == 0)
        {
            return;
        }

        foreach (var (key, client) in hosted.Where(h => !live.Contains(h.Value.OwnerNode)).ToList())
        {
            LogOrphanStopped(logger, client.ConnectionId, key, client.OwnerNode);
            StopClient(key, client);
        }
    }

    private void StopClient(string key, HostedClient client)
    {
        hosted.Remove(key);
        Context.Unwatch(client.Actor);
        Context.Stop(client.Actor);
        ForgetMonitoringIfUnused(client.ConnectionId);
    }

    private void OnTerminated(IActorRef actor)
    {
        foreach (var (key, client) in hosted.Where(h => h.Value.Actor.Equals(actor)).ToList())
        {
            hosted.Remove(key);
            ForgetMonitoringIfUnused(client.ConnectionId);
        }
    }

    private void ForgetMonitoringIfUnused(string connectionId)
    {
        if (!hosted.Values.Any(h => h.ConnectionId == connectionId))
        {
            monitoring.Remove(connectionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId}: started client {ClientIndex} for its connection actor on node {OwnerNode}")]
    private static partial void LogStarted(ILogger logger, string connectionId, int clientIndex, string ownerNode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId}: stopping client {ClientName}, its owner node {OwnerNode} left the cluster")]
    private static partial void LogOrphanStopped(ILogger logger, string connectionId, string clientName, string ownerNode);

    private sealed record HostedClient(string ConnectionId, string OwnerNode, IActorRef Actor);

    /// <summary>Timer tick: stop the clients of owner nodes that left.</summary>
    private sealed class OrphanCheck
    {
        public static readonly OrphanCheck Instance = new();
    }
}
