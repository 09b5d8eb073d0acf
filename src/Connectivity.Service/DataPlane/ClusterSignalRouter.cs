using System.Collections.Concurrent;
using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// The router of a cluster node: this node's subscriptions (<see cref="LocalSignalRouter"/>) plus those the other
/// nodes announced (<see cref="SubscriptionsAnnounced"/>), kept only while their node is a live member. A signal for a
/// client on another node is sent there and delivered by that node's <see cref="LocalSignalRouter"/>.
/// </summary>
public sealed class ClusterSignalRouter : ISignalRouter
{
    private readonly LocalSignalRouter local;
    private readonly string selfNodeId;
    private readonly Action<string, object> send;
    private readonly ConcurrentDictionary<string, SubscriptionsAnnounced> remote = new(StringComparer.Ordinal);
    private readonly Lock rebuild = new();
    private volatile SignalRoutingTable table = SignalRoutingTable.Empty;

    /// <param name="local">This node's subscriptions.</param>
    /// <param name="selfNodeId">This node's id: its own announcements are ignored.</param>
    /// <param name="send">Sends a <see cref="RoutedSignal"/> or <see cref="RoutedResponse"/> to the signal router of the node at the given address.</param>
    public ClusterSignalRouter(LocalSignalRouter local, string selfNodeId, Action<string, object> send)
    {
        this.local = local;
        this.selfNodeId = selfNodeId;
        this.send = send;
        local.Changed += Rebuild;
        Rebuild();
    }

    public LocalSignalRouter Local => local;

    public IDisposable Subscribe(SignalSubscription subscription) => local.Subscribe(subscription);

    public ValueTask<int> RouteAsync(DittoProtocolMessage signal, CancellationToken cancellationToken) => table.RouteAsync(signal, cancellationToken);

    public void ExpectResponse(string correlationId, PendingResponse pending) => local.ExpectResponse(correlationId, pending);

    /// <summary>Delivers here if the command was consumed here, else sends the response to every other live node: one of them waits for it.</summary>
    public bool RouteResponse(DittoProtocolMessage response)
    {
        if (local.RouteResponse(response))
        {
            return true;
        }

        var nodes = remote.Values.Select(a => a.NodeAddress).Distinct(StringComparer.Ordinal).ToList();
        foreach (var address in nodes)
        {
            send(address, new RoutedResponse(response));
        }

        return nodes.Count > 0;
    }

    /// <summary>Takes another node's announcement, unless an announcement at least as new was taken already.</summary>
    public void Update(SubscriptionsAnnounced announced)
    {
        ArgumentNullException.ThrowIfNull(announced);
        if (announced.NodeId == selfNodeId)
        {
            return;
        }

        var current = remote.GetValueOrDefault(announced.NodeId);
        if (current is not null && current.NodeAddress == announced.NodeAddress && current.Version >= announced.Version)
        {
            return;
        }

        remote[announced.NodeId] = announced;
        Rebuild();
    }

    /// <summary>Forgets the subscriptions of nodes that are no longer live members.</summary>
    public void Retain(IReadOnlySet<string> liveNodeIds)
    {
        var removed = false;
        foreach (var nodeId in remote.Keys.Where(id => !liveNodeIds.Contains(id)).ToList())
        {
            removed |= remote.TryRemove(nodeId, out _);
        }

        if (removed)
        {
            Rebuild();
        }
    }

    private void Rebuild()
    {
        lock (rebuild)
        {
            var remoteSubscriptions = remote.Values
                .OrderBy(a => a.NodeId, StringComparer.Ordinal)
                .SelectMany(a => a.Subscriptions.Select(s => new SignalSubscription(
                    s.ConnectionId,
                    s.ClientIndex,
                    s.Topics.ToHashSet(StringComparer.Ordinal),
                    new RemoteClientSink(a.NodeAddress, s.ConnectionId, s.ClientIndex, send))));
            table = SignalRoutingTable.Build(local.Subscriptions.Concat(remoteSubscriptions));
        }
    }
}
