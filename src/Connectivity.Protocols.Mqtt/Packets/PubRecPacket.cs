namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>PUBREC (MQTT 3.1.1 §3.5, MQTT 5 §3.5).</summary>
public sealed record PubRecPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.PubRec;

    /// <summary>Packet Identifier of the PUBLISH flow (§3.5.2); never 0.</summary>
    public ushort PacketIdentifier { get; init; }

    /// <summary>Reason Code (MQTT 5 §3.5.2.1); always Success in 3.1.1.</summary>
    public MqttPubRecReasonCode ReasonCode { get; init; }

    /// <summary>Reason String (MQTT 5 §3.5.2.2.2).</summary>
    public string? ReasonString { get; init; }

    /// <summary>User Properties (MQTT 5 §3.5.2.2.3).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
