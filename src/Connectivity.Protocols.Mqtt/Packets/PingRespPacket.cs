namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>PINGRESP (MQTT 3.1.1 §3.13, MQTT 5 §3.13): fixed header only.</summary>
public sealed record PingRespPacket : MqttPacket
{
    /// <summary>The one instance; the packet has no fields.</summary>
    public static PingRespPacket Instance { get; } = new();

    public override MqttPacketType PacketType => MqttPacketType.PingResp;
}
