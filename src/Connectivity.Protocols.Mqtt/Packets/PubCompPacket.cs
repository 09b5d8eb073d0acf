namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>PUBCOMP (MQTT 3.1.1 §3.7, MQTT 5 §3.7).</summary>
public sealed record PubCompPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.PubComp;

    /// <summary>Packet Identifier of the PUBLISH flow (§3.7.2); never 0.</summary>
    public ushort PacketIdentifier { get; init; }

    /// <summary>Reason Code (MQTT 5 §3.7.2.1); always Success in 3.1.1.</summary>
    public MqttPubCompReasonCode ReasonCode { get; init; }

    /// <summary>Reason String (MQTT 5 §3.7.2.2.2).</summary>
    public string? ReasonString { get; init; }

    /// <summary>User Properties (MQTT 5 §3.7.2.2.3).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
