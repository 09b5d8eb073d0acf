namespace Connectivity.Protocols.Mqtt;

/// <summary>PUBCOMP Reason Codes (MQTT 5 §3.7.2.1).</summary>
public enum MqttPubCompReasonCode : byte
{
    Success = 0x00,
    PacketIdentifierNotFound = 0x92,
}
