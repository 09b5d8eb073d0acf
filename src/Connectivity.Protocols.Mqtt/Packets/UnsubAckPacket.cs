namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>UNSUBACK (MQTT 3.1.1 §3.11, MQTT 5 §3.11).</summary>
public sealed record UnsubAckPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.UnsubAck;

    /// <summary>Packet Identifier of the UNSUBSCRIBE (§3.11.2).</summary>
    public ushort PacketIdentifier { get; init; }

    /// <summary>One Reason Code per topic filter (MQTT 5 §3.11.3); empty in 3.1.1, which has none.</summary>
    public IReadOnlyList<MqttUnsubscribeReasonCode> ReasonCodes { get; init; } = [];

    /// <summary>Reason String (MQTT 5 §3.11.2.1.2).</summary>
    public string? ReasonString { get; init; }

    /// <summary>User Properties (MQTT 5 §3.11.2.1.3).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
