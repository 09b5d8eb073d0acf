namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>DISCONNECT (MQTT 3.1.1 §3.14, MQTT 5 §3.14); 3.1.1 has no variable header.</summary>
public sealed record DisconnectPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Disconnect;

    /// <summary>Disconnect Reason Code (MQTT 5 §3.14.2.1).</summary>
    public MqttDisconnectReasonCode ReasonCode { get; init; }

    /// <summary>Session Expiry Interval (MQTT 5 §3.14.2.2.2); null when absent.</summary>
    public uint? SessionExpiryInterval { get; init; }

    /// <summary>Reason String (MQTT 5 §3.14.2.2.3).</summary>
    public string? ReasonString { get; init; }

    /// <summary>User Properties (MQTT 5 §3.14.2.2.4).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>Server Reference (MQTT 5 §3.14.2.2.5).</summary>
    public string? ServerReference { get; init; }
}
