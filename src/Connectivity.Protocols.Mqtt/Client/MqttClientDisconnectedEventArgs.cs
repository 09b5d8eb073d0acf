using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>Why an established connection ended.</summary>
/// <param name="Exception">What went wrong on this side (I/O error, keep-alive timeout, protocol violation); null when the
/// server ended the connection with a DISCONNECT.</param>
/// <param name="Disconnect">The server's DISCONNECT (MQTT 5 §3.14), if it sent one.</param>
public sealed record MqttClientDisconnectedEventArgs(Exception? Exception, DisconnectPacket? Disconnect)
{
    /// <summary>The server's DISCONNECT reason code, if it sent one.</summary>
    public MqttDisconnectReasonCode? ReasonCode => Disconnect?.ReasonCode;

    /// <summary>The server's Reason String, if it sent one.</summary>
    public string? ReasonString => Disconnect?.ReasonString;
}
