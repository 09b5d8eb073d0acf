namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>
/// MQTT 3.1.1 CONNACK return codes (§3.2.2.3, Table 3.1) and their MQTT 5 equivalents
/// (MQTT 5 §3.2.2.2).
/// </summary>
internal static class MqttV311ReturnCodes
{
    public static MqttConnectReasonCode ToReasonCode(byte returnCode) => returnCode switch
    {
        0 => MqttConnectReasonCode.Success,
        1 => MqttConnectReasonCode.UnsupportedProtocolVersion,
        2 => MqttConnectReasonCode.ClientIdentifierNotValid,
        3 => MqttConnectReasonCode.ServerUnavailable,
        4 => MqttConnectReasonCode.BadUserNameOrPassword,
        5 => MqttConnectReasonCode.NotAuthorized,
        _ => throw MqttProtocolException.Malformed($"CONNACK return code {returnCode} is reserved (MQTT 3.1.1 §3.2.2.3)."),
    };

    /// <summary>The nearest 3.1.1 return code; MQTT 5 codes without an equivalent become 3 (Server unavailable).</summary>
    public static byte FromReasonCode(MqttConnectReasonCode reasonCode) => reasonCode switch
    {
        MqttConnectReasonCode.Success => 0,
        MqttConnectReasonCode.UnsupportedProtocolVersion => 1,
        MqttConnectReasonCode.ClientIdentifierNotValid => 2,
        MqttConnectReasonCode.BadUserNameOrPassword or MqttConnectReasonCode.BadAuthenticationMethod => 4,
        MqttConnectReasonCode.NotAuthorized or MqttConnectReasonCode.Banned => 5,
        _ => 3,
    };
}
