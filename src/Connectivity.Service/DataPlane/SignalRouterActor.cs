using Connectivity.Actors;
using Microsoft.Extensions.Logging;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// <c>/system/signalRouter</c> on every node in cluster mode: announces this node's subscriptions to the other live
/// members (at once when they change, and every interval so joiners and nodes that missed one catch up), takes theirs
/// into the <see cref="ClusterSignalRouter"/>, and delivers the signals other nodes routed to the clients here.
/// </summary>
public sealed partial class SignalRouterActor : ActorBase
{
    public const string Name = "signalRouter";
    public const string Path = "/system/" + Name;

    private readonly ClusterSignalRouter router;
    private readonly SignalRouterPeers peers;
    private readonly TimeSpan interval;
    private readonly ILogger logger;
    private long version = DateTimeOffset.UtcNow.UtcTicks;
    private Action? onLocalChange;

    private SignalRouterActor(ClusterSignalRouter router, SignalRouterPeers peers, TimeSpan interval, ILogger logger)
    {
        this.router = router;
        this.peers = peers;
        this.interval = interval;
        this.logger = logger;
    }

    public static Props Props(ClusterSignalRouter router, SignalRouterPeers peers, TimeSpan interval, ILogger logger) =>
        Actors.Props.Create(() => new SignalRouterActor(router, peers, interval, logger));

    protected override ValueTask PreStart()
    {
        var self = Self;
        onLocalChange = () => self.Tell(LocalChanged.Instance);
        router.Local.Changed += onLocalChange;
        Context.Timers.StartPeriodicTimer(Announce.Instance, Announce.Instance, interval);
        return default;
    }

    protected override ValueTask PostStop()
    {
        router.Local.Changed -= onLocalChange;
        return default;
    }

    protected override ValueTask OnReceive(object message)
    {
        switch (message)
        {
            case LocalChanged:
                version++;
                AnnounceToAll();
                break;
            case Announce:
                AnnounceToAll();
                break;
            case SubscriptionsAnnounced announced:
                OnAnnounced(announced);
                break;
            case RoutedSignal routed:
                return DeliverAsync(routed);
            case RoutedResponse routed when !router.Local.RouteResponse(routed.Response):
                LogNoCommandHere(logger, routed.Response.Headers.CorrelationId);
                break;
            case RoutedResponse:
                break;
            default:
                Unhandled(message);
                break;
        }

        return default;
    }

    /// <summary>Waits while the client's queue is full: signals from other nodes queue up in this actor's mailbox meanwhile.</summary>
    private async ValueTask DeliverAsync(RoutedSignal routed)
    {
        if (!await router.Local.DeliverAsync(routed.ConnectionId, routed.ClientIndex, routed.Signal, CancellationToken.None).ConfigureAwait(false))
        {
            LogNotHere(logger, routed.ConnectionId, routed.ClientIndex, routed.Signal.Headers.CorrelationId);
        }
    }

    private void OnAnnounced(SubscriptionsAnnounced announced)
    {
        var members = peers.LiveMembers();
        if (!members.Any(m => m.NodeId == announced.NodeId))
        {
            return;
        }

        router.Update(announced);
    }

    private void AnnounceToAll()
    {
        var members = peers.LiveMembers();
        router.Retain(members.Select(m => m.NodeId).ToHashSet(StringComparer.Ordinal));
        var announcement = new SubscriptionsAnnounced(
            peers.SelfNodeId,
            peers.SelfAddress,
            version,
            [.. router.Local.Subscriptions.Select(s => new AnnouncedSubscription(s.ConnectionId, s.ClientIndex, [.. s.Topics]))]);
        foreach (var (nodeId, address) in members)
        {
            if (nodeId != peers.SelfNodeId)
            {
                peers.RouterAt(address).Tell(announcement);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId}: a signal routed to client {ClientIndex} found it no longer running here (correlation id {CorrelationId})")]
    private static partial void LogNotHere(ILogger logger, string connectionId, int clientIndex, string? correlationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A response routed here answers no command waiting here (correlation id {CorrelationId})")]
    private static partial void LogNoCommandHere(ILogger logger, string? correlationId);

    private sealed class LocalChanged
    {
        public static readonly LocalChanged Instance = new();
    }

    private sealed class Announce
    {
        public static readonly Announce Instance = new();
    }
}
