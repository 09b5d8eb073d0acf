namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>UNSUBSCRIBE (MQTT 3.1.1 §3.10, MQTT 5 §3.10).</summary>
public sealed record UnsubscribePacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Unsubscribe;

    /// <summary>Packet Identifier (§3.10.2); never 0.</summary>
    public ushort PacketIdentifier { get; init; }

    /// <summary>Topic filters to remove (§3.10.3); at least one.</summary>
    public IReadOnlyList<string> TopicFilters { get; init; } = [];

    /// <summary>User Properties (MQTT 5 §3.10.2.1.2).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
