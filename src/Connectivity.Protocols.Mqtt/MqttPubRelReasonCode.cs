namespace Connectivity.Protocols.Mqtt;

/// <summary>PUBREL Reason Codes (MQTT 5 §3.6.2.1).</summary>
public enum MqttPubRelReasonCode : byte
{
    Success = 0x00,
    PacketIdentifierNotFound = 0x92,
}
