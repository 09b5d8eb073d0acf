using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>The server refused the connection with a CONNACK reason code (MQTT 5 §3.2.2.2, MQTT 3.1.1 §3.2.2.3).</summary>
public sealed class MqttConnectException : Exception
{
    public MqttConnectException()
        : this("The MQTT server refused the connection.")
    {
    }

    public MqttConnectException(string message)
        : base(message)
    {
        ConnAck = new ConnAckPacket { ReasonCode = MqttConnectReasonCode.UnspecifiedError };
    }

    public MqttConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
        ConnAck = new ConnAckPacket { ReasonCode = MqttConnectReasonCode.UnspecifiedError };
    }

    public MqttConnectException(ConnAckPacket connAck)
        : base(Describe(connAck))
    {
        ConnAck = connAck;
    }

    /// <summary>The refusing CONNACK.</summary>
    public ConnAckPacket ConnAck { get; }

    /// <summary>The CONNACK reason code (3.1.1 return codes mapped to their MQTT 5 equivalents).</summary>
    public MqttConnectReasonCode ReasonCode => ConnAck.ReasonCode;

    /// <summary>The CONNACK Reason String (MQTT 5).</summary>
    public string? ReasonString => ConnAck.ReasonString;

    /// <summary>Whether the credentials were refused: 3.1.1 codes 4 and 5, MQTT 5 0x86, 0x87 and 0x8C.</summary>
    public bool IsAuthenticationFailure => ReasonCode is MqttConnectReasonCode.BadUserNameOrPassword
        or MqttConnectReasonCode.NotAuthorized or MqttConnectReasonCode.BadAuthenticationMethod;

    private static string Describe(ConnAckPacket connAck) =>
        $"The MQTT server refused the connection: {connAck.ReasonCode} (0x{(byte)connAck.ReasonCode:X2})" +
        (connAck.ReasonString is { } reason ? $": {reason}" : ".");
}
