using System.Buffers;
using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>
/// Fixed header rules shared by both versions (MQTT 5 §2.1): packet type in bits 7-4, flags in
/// bits 3-0 (fixed per type except PUBLISH), and the Remaining Length that follows.
/// </summary>
internal static class MqttFixedHeader
{
    /// <summary>Payloads up to this size are copied into the header's span; larger ones are written separately.</summary>
    private const int InlinePayloadLimit = 4096;

    public static byte Build(MqttPacketType type) => (byte)(((int)type << 4) | RequiredFlags(type));

    /// <summary>Reserved flag values of MQTT 5 §2.1.3 Table 2-2: 0b0010 for PUBREL, SUBSCRIBE, UNSUBSCRIBE, else 0.</summary>
    public static int RequiredFlags(MqttPacketType type) =>
        type is MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe ? 0b0010 : 0;

    /// <summary>Throws Malformed Packet when reserved flag bits are wrong [MQTT-2.1.3-1].</summary>
    public static void ValidateFlags(MqttPacketType type, int flags)
    {
        if (flags != RequiredFlags(type))
        {
            throw MqttProtocolException.Malformed(
                $"{type} has fixed header flags 0x{flags:X1}; the reserved value is 0x{RequiredFlags(type):X1} [MQTT-2.1.3-1].");
        }
    }

    /// <summary>PUBLISH fixed header: DUP bit 3, QoS bits 2-1, RETAIN bit 0 (MQTT 5 §3.3.1).</summary>
    public static byte BuildPublish(PublishPacket packet)
    {
        var qos = ValidateQos(packet.Qos);
        if (qos == MqttQos.AtMostOnce && packet.Dup)
        {
            throw MqttProtocolException.ProtocolError("The DUP flag must be 0 for QoS 0 messages [MQTT-3.3.1-2].");
        }

        return (byte)(0x30 | (packet.Dup ? 0x08 : 0) | ((int)qos << 1) | (packet.Retain ? 0x01 : 0));
    }

    public static MqttQos ReadPublishFlags(int flags, out bool dup, out bool retain)
    {
        var qos = (flags >> 1) & 0x03;
        if (qos == 3)
        {
            throw MqttProtocolException.Malformed("PUBLISH with QoS 3 [MQTT-3.3.1-4].");
        }

        dup = (flags & 0x08) != 0;
        retain = (flags & 0x01) != 0;
        if (qos == 0 && dup)
        {
            throw MqttProtocolException.Malformed("PUBLISH with QoS 0 and DUP set [MQTT-3.3.1-2].");
        }

        return (MqttQos)qos;
    }

    public static MqttQos ValidateQos(MqttQos qos) => qos <= MqttQos.ExactlyOnce
        ? qos
        : throw MqttProtocolException.ProtocolError($"QoS {(int)qos} does not exist (MQTT 5 §4.3).");

    public static ushort ValidatePacketIdentifier(ushort identifier, MqttPacketType type) => identifier != 0
        ? identifier
        : throw MqttProtocolException.ProtocolError($"{type} needs a non-zero Packet Identifier [MQTT-2.2.1-3].");

    /// <summary>A PUBLISH Topic Name must not contain wildcards [MQTT-3.3.2-2].</summary>
    public static string ValidateTopicName(string topic) => topic.AsSpan().IndexOfAny('+', '#') < 0
        ? topic
        : throw new MqttProtocolException(
            $"Topic Name '{topic}' contains a wildcard [MQTT-3.3.2-2].", MqttDisconnectReasonCode.TopicNameInvalid);

    /// <summary>
    /// Gets a span for the fixed header, the Remaining Length and <paramref name="contiguousBodyLength"/>
    /// body bytes, writing the first two. The caller writes the body and advances by <paramref name="totalLength"/>.
    /// </summary>
    public static MqttSpanWriter Begin(
        IBufferWriter<byte> output, byte fixedHeader, long remainingLength, int contiguousBodyLength, out int totalLength)
    {
        if (remainingLength > MqttEncoding.MaxVariableByteInteger)
        {
            throw new MqttProtocolException(
                $"Remaining Length {remainingLength} exceeds 268435455 (MQTT 5 §2.1.4).", MqttDisconnectReasonCode.PacketTooLarge);
        }

        totalLength = 1 + MqttEncoding.VariableByteIntegerSize((int)remainingLength) + contiguousBodyLength;
        var writer = new MqttSpanWriter(output.GetSpan(totalLength));
        writer.WriteByte(fixedHeader);
        writer.WriteVariableByteInteger((int)remainingLength);
        return writer;
    }

    /// <summary>Whether the payload goes into the header span (small) or in a separate write (large).</summary>
    public static bool IsInline(int payloadLength) => payloadLength <= InlinePayloadLimit;

    /// <summary>A packet whose whole body is a Packet Identifier (3.1.1 acks, v5 acks with Success and no properties).</summary>
    public static void WriteIdentifierOnly(IBufferWriter<byte> output, MqttPacketType type, ushort identifier)
    {
        var writer = Begin(output, Build(type), 2, 2, out var total);
        writer.WriteUInt16(ValidatePacketIdentifier(identifier, type));
        output.Advance(total);
    }

    /// <summary>A packet with a fixed header only (PINGREQ, PINGRESP, 3.1.1 DISCONNECT, ...).</summary>
    public static void WriteEmpty(IBufferWriter<byte> output, MqttPacketType type)
    {
        var span = output.GetSpan(2);
        span[0] = Build(type);
        span[1] = 0;
        output.Advance(2);
    }

    /// <summary>Copies a multi-segment body into a pooled buffer so it decodes as one span.</summary>
    public static T WithContiguous<T>(ReadOnlySequence<byte> body, byte fixedHeader, SpanDecoder<T> decode)
    {
        if (body.IsSingleSegment)
        {
            return decode(fixedHeader, body.FirstSpan);
        }

        var length = checked((int)body.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return decode(fixedHeader, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public delegate T SpanDecoder<out T>(byte fixedHeader, ReadOnlySpan<byte> body);
}
