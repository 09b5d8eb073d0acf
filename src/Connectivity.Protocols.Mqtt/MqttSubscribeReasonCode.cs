namespace Connectivity.Protocols.Mqtt;

/// <summary>
/// SUBACK Reason Codes (MQTT 5 §3.9.3). MQTT 3.1.1 return codes (§3.9.3) are the subset
/// 0x00, 0x01, 0x02 and 0x80 (Failure = UnspecifiedError).
/// </summary>
public enum MqttSubscribeReasonCode : byte
{
    GrantedQoS0 = 0x00,
    GrantedQoS1 = 0x01,
    GrantedQoS2 = 0x02,
    UnspecifiedError = 0x80,
    ImplementationSpecificError = 0x83,
    NotAuthorized = 0x87,
    TopicFilterInvalid = 0x8F,
    PacketIdentifierInUse = 0x91,
    QuotaExceeded = 0x97,
    SharedSubscriptionsNotSupported = 0x9E,
    SubscriptionIdentifiersNotSupported = 0xA1,
    WildcardSubscriptionsNotSupported = 0xA2,
}
