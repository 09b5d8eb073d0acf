namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>PINGREQ (MQTT 3.1.1 §3.12, MQTT 5 §3.12): fixed header only.</summary>
public sealed record PingReqPacket : MqttPacket
{
    /// <summary>The one instance; the packet has no fields.</summary>
    public static PingReqPacket Instance { get; } = new();

    public override MqttPacketType PacketType => MqttPacketType.PingReq;
}
