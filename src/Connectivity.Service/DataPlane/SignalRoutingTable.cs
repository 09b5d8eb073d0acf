using System.Collections.Frozen;
using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// An immutable snapshot of subscriptions, indexed by base topic and grouped by connection (clients in index order),
/// so routing a signal is one lookup and one choice per subscribed connection, and indexed by client for signals
/// another node routed to one. A connection's client subscribed twice (e.g. announced by two nodes while it moved)
/// counts once: the first subscription given wins.
/// </summary>
public sealed class SignalRoutingTable
{
    private readonly FrozenDictionary<string, SignalSubscription[][]> byTopic;
    private readonly FrozenDictionary<(string ConnectionId, int ClientIndex), SignalSubscription> byClient;

    private SignalRoutingTable(
        FrozenDictionary<string, SignalSubscription[][]> byTopic, FrozenDictionary<(string, int), SignalSubscription> byClient) =>
        (this.byTopic, this.byClient) = (byTopic, byClient);

    public static SignalRoutingTable Empty { get; } = Build([]);

    public static SignalRoutingTable Build(IEnumerable<SignalSubscription> subscriptions)
    {
        var unique = subscriptions.DistinctBy(s => (s.ConnectionId, s.ClientIndex)).ToList();
        var topics = unique.SelectMany(s => s.Topics).Distinct(StringComparer.Ordinal);
        return new SignalRoutingTable(
            topics.ToFrozenDictionary(
                topic => topic,
                topic => unique
                    .Where(s => s.Topics.Contains(topic))
                    .GroupBy(s => s.ConnectionId, StringComparer.Ordinal)
                    .Select(g => g.OrderBy(s => s.ClientIndex).ToArray())
                    .ToArray(),
                StringComparer.Ordinal),
            unique.ToFrozenDictionary(s => (s.ConnectionId, s.ClientIndex)));
    }

    /// <summary>The subscription of client <paramref name="clientIndex"/> of the connection, or null.</summary>
    public SignalSubscription? ClientOf(string connectionId, int clientIndex) => byClient.GetValueOrDefault((connectionId, clientIndex));

    /// <summary>
    /// Offers <paramref name="signal"/> to one client of every connection subscribed to its topic, waiting while a
    /// client's queue is full; returns how many connections.
    /// </summary>
    public async ValueTask<int> RouteAsync(DittoProtocolMessage signal, CancellationToken cancellationToken)
    {
        if (signal.Kind.SubscriptionTopic() is not { } topic || !byTopic.TryGetValue(topic, out var connections))
        {
            return 0;
        }

        foreach (var clients in connections)
        {
            await clients[ClientChoice.Choose(signal, clients.Length)].Sink.OfferAsync(signal, cancellationToken).ConfigureAwait(false);
        }

        return connections.Length;
    }
}
