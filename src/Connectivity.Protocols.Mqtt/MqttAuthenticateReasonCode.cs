namespace Connectivity.Protocols.Mqtt;

/// <summary>AUTH Reason Codes (MQTT 5 §3.15.2.1).</summary>
public enum MqttAuthenticateReasonCode : byte
{
    Success = 0x00,
    ContinueAuthentication = 0x18,
    ReAuthenticate = 0x19,
}
