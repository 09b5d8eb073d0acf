namespace Connectivity.Protocols.Mqtt;

/// <summary>
/// CONNACK Reason Codes (MQTT 5 §3.2.2.2). The MQTT 3.1.1 return codes (§3.2.2.3) map as:
/// 0 Success, 1 UnsupportedProtocolVersion, 2 ClientIdentifierNotValid, 3 ServerUnavailable,
/// 4 BadUserNameOrPassword, 5 NotAuthorized.
/// </summary>
public enum MqttConnectReasonCode : byte
{
    Success = 0x00,
    UnspecifiedError = 0x80,
    MalformedPacket = 0x81,
    ProtocolError = 0x82,
    ImplementationSpecificError = 0x83,
    UnsupportedProtocolVersion = 0x84,
    ClientIdentifierNotValid = 0x85,
    BadUserNameOrPassword = 0x86,
    NotAuthorized = 0x87,
    ServerUnavailable = 0x88,
    ServerBusy = 0x89,
    Banned = 0x8A,
    BadAuthenticationMethod = 0x8C,
    TopicNameInvalid = 0x90,
    PacketTooLarge = 0x95,
    QuotaExceeded = 0x97,
    PayloadFormatInvalid = 0x99,
    RetainNotSupported = 0x9A,
    QoSNotSupported = 0x9B,
    UseAnotherServer = 0x9C,
    ServerMoved = 0x9D,
    ConnectionRateExceeded = 0x9F,
}
