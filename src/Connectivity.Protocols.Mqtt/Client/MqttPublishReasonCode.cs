namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>
/// The outcome of a publish: the PUBACK reason code for QoS 1, the PUBREC one (or PUBCOMP's 0x92) for QoS 2,
/// Success for QoS 0 (MQTT 5 §3.4.2.1, §3.5.2.1, §3.7.2.1). MQTT 3.1.1 acknowledgements are always Success.
/// </summary>
public enum MqttPublishReasonCode : byte
{
    Success = 0x00,
    NoMatchingSubscribers = 0x10,
    UnspecifiedError = 0x80,
    ImplementationSpecificError = 0x83,
    NotAuthorized = 0x87,
    TopicNameInvalid = 0x90,
    PacketIdentifierInUse = 0x91,
    PacketIdentifierNotFound = 0x92,
    QuotaExceeded = 0x97,
    PayloadFormatInvalid = 0x99,
}
