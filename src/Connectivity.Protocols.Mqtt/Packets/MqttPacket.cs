namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>
/// An MQTT Control Packet as plain data, version-neutral: the MQTT 3.1.1 formatter ignores the
/// MQTT 5 only fields. Records holding memory or lists compare by reference for those fields.
/// </summary>
public abstract record MqttPacket
{
    /// <summary>The control packet type of the fixed header (MQTT 5 §2.1.2).</summary>
    public abstract MqttPacketType PacketType { get; }
}
