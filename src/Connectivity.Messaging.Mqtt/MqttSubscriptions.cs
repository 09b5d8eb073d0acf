using Connectivity.Model.Connections;
using Connectivity.Model.Monitoring;
using Connectivity.Protocols.Mqtt;

namespace Connectivity.Messaging.Mqtt;

/// <summary>
/// The subscriptions of one client: every address of every source with the source's QoS, the SUBACK outcome per
/// address, the source status per address and consumer (spec §3.5) and which subscription a received topic belongs to.
/// Thread-safe: the receive loop routes while the client actor reads statuses.
/// </summary>
internal sealed class MqttSubscriptions
{
    /// <summary>The status details of a granted subscription.</summary>
    public const string ConsumerStarted = "Consumer started.";

    private readonly Lock gate = new();
    private readonly MqttSubscription[] subscriptions;

    /// <param name="sharedGroup">The share name of shared subscriptions (MQTT 5, several clients), or null.</param>
    public MqttSubscriptions(Connection connection, string? sharedGroup)
    {
        subscriptions =
        [
            .. connection.Sources.SelectMany((source, index) => source.Addresses.Select(address => new MqttSubscription(
                index,
                source,
                address,
                sharedGroup is null ? address : $"$share/{sharedGroup}/{address}",
                (MqttQos)(source.Qos ?? 0)))),
        ];
    }

    /// <summary>The subscriptions of each source, in order: one SUBSCRIBE per source.</summary>
    public IReadOnlyList<IReadOnlyList<MqttSubscription>> PerSource() =>
        [.. subscriptions.GroupBy(s => s.SourceIndex).Select(group => (IReadOnlyList<MqttSubscription>)[.. group])];

    /// <summary>Records the SUBACK reason code of <paramref name="subscription"/>; returns the failure description if refused.</summary>
    public string? Answered(MqttSubscription subscription, MqttSubscribeReasonCode? code, DateTimeOffset now)
    {
        var failure = code switch
        {
            null => $"Subscribing to '{subscription.Filter}' failed: the broker did not answer for it.",
            < MqttSubscribeReasonCode.UnspecifiedError => null,
            { } refused => $"Subscribing to '{subscription.Filter}' failed: {MqttReasonText.Of(refused.ToString(), (byte)refused)}.",
        };
        lock (gate)
        {
            var index = Array.IndexOf(subscriptions, subscription);
            subscriptions[index] = subscription with { Granted = failure is null, Failure = failure, Since = now };
        }

        return failure;
    }

    /// <summary>
    /// The first subscription in source order whose address matches <paramref name="topic"/> and that was not refused;
    /// null if none. Not-yet-answered subscriptions count: a retained message may overtake the SUBACK's bookkeeping.
    /// </summary>
    public MqttSubscription? Route(string topic)
    {
        lock (gate)
        {
            return Array.Find(subscriptions, s => s.Failure is null && MqttTopicMatcher.Matches(s.Address, topic));
        }
    }

    /// <summary>
    /// One status per address and consumer of every source, in the client actor's order (per source: the addresses
    /// repeated <c>consumerCount</c> times): open when granted, failed with the reason when refused, closed otherwise.
    /// </summary>
    public IReadOnlyList<ResourceStatus> Statuses(string clientId)
    {
        MqttSubscription[] current;
        lock (gate)
        {
            current = [.. subscriptions];
        }

        return
        [
            .. current.GroupBy(s => s.SourceIndex).SelectMany(group =>
                Enumerable.Repeat(group, group.First().Source.ConsumerCount).SelectMany(addresses => addresses).Select(s => s switch
                {
                    { Granted: true } => new ResourceStatus(ResourceType.Source, clientId, s.Address, LiveStatus.Open, StatusDetails: ConsumerStarted, InStateSince: s.Since),
                    { Failure: { } failure } => new ResourceStatus(ResourceType.Source, clientId, s.Address, LiveStatus.Failed, StatusDetails: failure, InStateSince: s.Since),
                    _ => new ResourceStatus(ResourceType.Source, clientId, s.Address, LiveStatus.Closed, StatusDetails: "Not subscribed.", InStateSince: s.Since),
                })),
        ];
    }

    /// <summary>
    /// The share name of shared subscriptions for <paramref name="connection"/>: its id (connection ids never contain
    /// the characters a share name must not: '/', '+', '#') for MQTT 5 with several clients, else null.
    /// </summary>
    public static string? SharedGroup(Connection connection) =>
        connection.Type == ConnectionType.Mqtt5 && connection.ClientCount > 1 ? connection.Id : null;
}
