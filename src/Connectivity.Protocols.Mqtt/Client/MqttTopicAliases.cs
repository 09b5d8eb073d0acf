using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>
/// The server's topic aliases towards this client (MQTT 5 §3.3.2.3.4): a PUBLISH with a topic and an alias sets
/// the alias, one with an empty topic uses it. Aliases live as long as the network connection.
/// </summary>
internal sealed class MqttTopicAliases(ushort maximum)
{
    private readonly Dictionary<ushort, string> topics = [];

    /// <summary>The publish with its topic filled in.</summary>
    /// <exception cref="MqttProtocolException">An alias of 0, over the maximum, or used before it was set (0x94).</exception>
    public PublishPacket Resolve(PublishPacket publish)
    {
        if (publish.TopicAlias is not { } alias)
        {
            return publish;
        }

        if (alias == 0 || alias > maximum)
        {
            throw new MqttProtocolException($"Topic Alias {alias} is outside 1..{maximum}.", MqttDisconnectReasonCode.TopicAliasInvalid);
        }

        if (publish.Topic.Length > 0)
        {
            topics[alias] = publish.Topic;
            return publish;
        }

        return topics.TryGetValue(alias, out var topic)
            ? publish with { Topic = topic }
            : throw new MqttProtocolException($"Topic Alias {alias} was used before it was set.", MqttDisconnectReasonCode.TopicAliasInvalid);
    }
}
