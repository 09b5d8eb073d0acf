namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>SUBSCRIBE (MQTT 3.1.1 §3.8, MQTT 5 §3.8).</summary>
public sealed record SubscribePacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Subscribe;

    /// <summary>Packet Identifier (§3.8.2); never 0.</summary>
    public ushort PacketIdentifier { get; init; }

    /// <summary>Topic filters with their options (§3.8.3); at least one.</summary>
    public IReadOnlyList<MqttTopicFilter> TopicFilters { get; init; } = [];

    /// <summary>Subscription Identifier (MQTT 5 §3.8.2.1.2), 1..268435455; null when absent.</summary>
    public uint? SubscriptionIdentifier { get; init; }

    /// <summary>User Properties (MQTT 5 §3.8.2.1.3).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
