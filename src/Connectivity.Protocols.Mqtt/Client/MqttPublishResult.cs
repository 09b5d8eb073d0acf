namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>How the server acknowledged a publish.</summary>
/// <param name="PacketIdentifier">The PUBLISH packet identifier; 0 for QoS 0.</param>
/// <param name="ReasonCode">The acknowledgement's reason code.</param>
/// <param name="ReasonString">The acknowledgement's Reason String (MQTT 5).</param>
public sealed record MqttPublishResult(ushort PacketIdentifier, MqttPublishReasonCode ReasonCode, string? ReasonString = null)
{
    /// <summary>Whether the server accepted the message (reason code below 0x80).</summary>
    public bool IsSuccess => (byte)ReasonCode < 0x80;
}
