namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>SUBACK (MQTT 3.1.1 §3.9, MQTT 5 §3.9).</summary>
public sealed record SubAckPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.SubAck;

    /// <summary>Packet Identifier of the SUBSCRIBE (§3.9.2).</summary>
    public ushort PacketIdentifier { get; init; }

    /// <summary>One Reason Code per topic filter, in order (§3.9.3).</summary>
    public IReadOnlyList<MqttSubscribeReasonCode> ReasonCodes { get; init; } = [];

    /// <summary>Reason String (MQTT 5 §3.9.2.1.2).</summary>
    public string? ReasonString { get; init; }

    /// <summary>User Properties (MQTT 5 §3.9.2.1.3).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
