namespace Connectivity.Protocols.Mqtt;

/// <summary>UNSUBACK Reason Codes (MQTT 5 §3.11.3); MQTT 3.1.1 UNSUBACK carries none.</summary>
public enum MqttUnsubscribeReasonCode : byte
{
    Success = 0x00,
    NoSubscriptionExisted = 0x11,
    UnspecifiedError = 0x80,
    ImplementationSpecificError = 0x83,
    NotAuthorized = 0x87,
    TopicFilterInvalid = 0x8F,
    PacketIdentifierInUse = 0x91,
}
