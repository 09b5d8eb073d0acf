namespace Connectivity.Protocols.Mqtt;

/// <summary>
/// A peer broke the protocol: a malformed packet, a protocol error or a packet over the maximum
/// size. <see cref="ReasonCode"/> is the MQTT 5 reason code to send in DISCONNECT (MQTT 5 §4.13).
/// </summary>
public sealed class MqttProtocolException : Exception
{
    public MqttProtocolException()
        : this("MQTT protocol violation.")
    {
    }

    public MqttProtocolException(string message)
        : base(message)
    {
    }

    public MqttProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MqttProtocolException(string message, MqttDisconnectReasonCode reasonCode)
        : base(message)
    {
        ReasonCode = reasonCode;
    }

    /// <summary>
    /// MalformedPacket (0x81), ProtocolError (0x82), PacketTooLarge (0x95), TopicNameInvalid (0x90)
    /// for a wildcard in a Topic Name, or null (e.g. a string that has no UTF-8 form on encode).
    /// </summary>
    public MqttDisconnectReasonCode? ReasonCode { get; }

    internal static MqttProtocolException Malformed(string message) =>
        new(message, MqttDisconnectReasonCode.MalformedPacket);

    internal static MqttProtocolException ProtocolError(string message) =>
        new(message, MqttDisconnectReasonCode.ProtocolError);
}
