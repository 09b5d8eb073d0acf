namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>PUBACK (MQTT 3.1.1 §3.4, MQTT 5 §3.4).</summary>
public sealed record PubAckPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.PubAck;

    /// <summary>Packet Identifier of the PUBLISH flow (§3.4.2); never 0.</summary>
    public ushort PacketIdentifier { get; init; }

    /// <summary>Reason Code (MQTT 5 §3.4.2.1); always Success in 3.1.1.</summary>
    public MqttPubAckReasonCode ReasonCode { get; init; }

    /// <summary>Reason String (MQTT 5 §3.4.2.2.2).</summary>
    public string? ReasonString { get; init; }

    /// <summary>User Properties (MQTT 5 §3.4.2.2.3).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
