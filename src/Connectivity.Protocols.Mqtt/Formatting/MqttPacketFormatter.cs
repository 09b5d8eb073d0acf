using System.Buffers;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>Picks the formatter of a protocol version; finds the version a CONNECT asks for.</summary>
public static class MqttPacketFormatter
{
    /// <summary>The (stateless, shared) formatter for <paramref name="version"/>.</summary>
    public static IMqttPacketFormatter For(MqttProtocolVersion version) => version switch
    {
        MqttProtocolVersion.V311 => MqttV311PacketFormatter.Instance,
        MqttProtocolVersion.V500 => MqttV500PacketFormatter.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unsupported MQTT protocol version."),
    };

    /// <summary>
    /// Reads the Protocol Name and Protocol Level of a CONNECT body (MQTT 5 §3.1.2.1-2) so a server
    /// can choose the formatter before decoding the rest.
    /// </summary>
    /// <exception cref="MqttProtocolException">Not "MQTT" or a level other than 4 or 5.</exception>
    public static MqttProtocolVersion ReadConnectProtocolVersion(ReadOnlySequence<byte> connectBody)
    {
        Span<byte> head = stackalloc byte[7];
        if (connectBody.Length < head.Length)
        {
            throw MqttProtocolException.Malformed("CONNECT truncated before the Protocol Level.");
        }

        connectBody.Slice(0, head.Length).CopyTo(head);
        if (!head[..6].SequenceEqual("\0\u0004MQTT"u8))
        {
            throw MqttProtocolException.ProtocolError("CONNECT Protocol Name is not \"MQTT\" [MQTT-3.1.2-1].");
        }

        return head[6] switch
        {
            (byte)MqttProtocolVersion.V311 => MqttProtocolVersion.V311,
            (byte)MqttProtocolVersion.V500 => MqttProtocolVersion.V500,
            var level => throw new MqttProtocolException(
                $"Unsupported Protocol Level {level} [MQTT-3.1.2-2].", MqttDisconnectReasonCode.ProtocolError),
        };
    }
}
