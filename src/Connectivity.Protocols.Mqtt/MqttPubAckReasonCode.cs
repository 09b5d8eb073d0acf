namespace Connectivity.Protocols.Mqtt;

/// <summary>PUBACK Reason Codes (MQTT 5 §3.4.2.1).</summary>
public enum MqttPubAckReasonCode : byte
{
    Success = 0x00,
    NoMatchingSubscribers = 0x10,
    UnspecifiedError = 0x80,
    ImplementationSpecificError = 0x83,
    NotAuthorized = 0x87,
    TopicNameInvalid = 0x90,
    PacketIdentifierInUse = 0x91,
    QuotaExceeded = 0x97,
    PayloadFormatInvalid = 0x99,
}
