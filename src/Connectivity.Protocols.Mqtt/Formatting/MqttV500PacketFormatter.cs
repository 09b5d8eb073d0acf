using System.Buffers;
using Connectivity.Protocols.Mqtt.Packets;
using static Connectivity.Protocols.Mqtt.Formatting.MqttV500PropertyWriter;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>
/// MQTT 5.0 (OASIS Standard, protocol level 5) encoder and decoder. Sizes (Remaining Length,
/// Property Length) are computed first, then each packet is written into one span of the
/// output; only large PUBLISH payloads are written in a second step.
/// </summary>
public sealed partial class MqttV500PacketFormatter : IMqttPacketFormatter
{
    /// <summary>The shared, stateless instance.</summary>
    public static MqttV500PacketFormatter Instance { get; } = new();

    /// <inheritdoc />
    public void Encode(MqttPacket packet, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(output);
        switch (packet)
        {
            case PublishPacket publish:
                EncodePublish(publish, output);
                break;
            case PubAckPacket ack:
                EncodeAck(output, MqttPacketType.PubAck, ack.PacketIdentifier, (byte)ack.ReasonCode, ack.ReasonString, ack.UserProperties);
                break;
            case PubRecPacket rec:
                EncodeAck(output, MqttPacketType.PubRec, rec.PacketIdentifier, (byte)rec.ReasonCode, rec.ReasonString, rec.UserProperties);
                break;
            case PubRelPacket rel:
                EncodeAck(output, MqttPacketType.PubRel, rel.PacketIdentifier, (byte)rel.ReasonCode, rel.ReasonString, rel.UserProperties);
                break;
            case PubCompPacket comp:
                EncodeAck(output, MqttPacketType.PubComp, comp.PacketIdentifier, (byte)comp.ReasonCode, comp.ReasonString, comp.UserProperties);
                break;
            case ConnectPacket connect:
                EncodeConnect(connect, output);
                break;
            case ConnAckPacket connAck:
                EncodeConnAck(connAck, output);
                break;
            case SubscribePacket subscribe:
                EncodeSubscribe(subscribe, output);
                break;
            case SubAckPacket subAck:
                EncodeSubAck(subAck, output);
                break;
            case UnsubscribePacket unsubscribe:
                EncodeUnsubscribe(unsubscribe, output);
                break;
            case UnsubAckPacket unsubAck:
                EncodeUnsubAck(unsubAck, output);
                break;
            case PingReqPacket or PingRespPacket:
                MqttFixedHeader.WriteEmpty(output, packet.PacketType);
                break;
            case DisconnectPacket disconnect:
                EncodeDisconnect(disconnect, output);
                break;
            case AuthPacket auth:
                EncodeAuth(auth, output);
                break;
            default:
                throw new ArgumentException($"Unknown packet type {packet.GetType().Name}.", nameof(packet));
        }
    }

    /// <summary>PUBLISH (MQTT 5 §3.3): Topic Name, Packet Identifier (QoS 1/2), properties (§3.3.2.3), payload.</summary>
    private static void EncodePublish(PublishPacket packet, IBufferWriter<byte> output)
    {
        var header = MqttFixedHeader.BuildPublish(packet);
        if (packet.Topic.Length == 0 && packet.TopicAlias is null)
        {
            throw MqttProtocolException.ProtocolError("PUBLISH needs a Topic Name or a Topic Alias (MQTT 5 §3.3.2.1).");
        }

        if (packet.TopicAlias == 0)
        {
            throw MqttProtocolException.ProtocolError("Topic Alias 0 is not allowed [MQTT-3.3.2-8].");
        }

        var properties = MessagePropertiesSize(
            packet.PayloadFormatIndicator, packet.MessageExpiryInterval, packet.ContentType, packet.ResponseTopic,
            packet.CorrelationData, packet.UserProperties) + UInt16Size(packet.TopicAlias.HasValue);
        for (var index = 0; index < packet.SubscriptionIdentifiers.Count; index++)
        {
            properties += VariableByteIntegerSize(packet.SubscriptionIdentifiers[index]);
        }

        var hasIdentifier = packet.Qos > MqttQos.AtMostOnce;
        var prefix = MqttEncoding.StringSize(MqttFixedHeader.ValidateTopicName(packet.Topic)) + (hasIdentifier ? 2 : 0) + ListSize(properties);
        var payload = packet.Payload.Span;
        var inline = MqttFixedHeader.IsInline(payload.Length);
        var writer = MqttFixedHeader.Begin(output, header, (long)prefix + payload.Length, prefix + (inline ? payload.Length : 0), out var total);
        writer.WriteString(packet.Topic);
        if (hasIdentifier)
        {
            writer.WriteUInt16(MqttFixedHeader.ValidatePacketIdentifier(packet.PacketIdentifier, MqttPacketType.Publish));
        }

        writer.WriteVariableByteInteger(properties);
        WriteMessageProperties(
            ref writer, packet.PayloadFormatIndicator, packet.MessageExpiryInterval, packet.ContentType, packet.ResponseTopic,
            packet.CorrelationData, packet.UserProperties);
        if (packet.TopicAlias is { } alias)
        {
            writer.WriteUInt16(MqttPropertyId.TopicAlias, alias);
        }

        for (var index = 0; index < packet.SubscriptionIdentifiers.Count; index++)
        {
            writer.WriteVariableByteInteger(MqttPropertyId.SubscriptionIdentifier, packet.SubscriptionIdentifiers[index]);
        }

        if (inline)
        {
            writer.WriteBytes(payload);
        }

        output.Advance(total);
        if (!inline)
        {
            output.Write(payload);
        }
    }

    /// <summary>
    /// PUBACK, PUBREC, PUBREL, PUBCOMP (MQTT 5 §3.4.2-§3.7.2): the Reason Code and Property Length
    /// are omitted for Success without properties, the Property Length alone when there are none.
    /// </summary>
    private static void EncodeAck(
        IBufferWriter<byte> output, MqttPacketType type, ushort identifier, byte reasonCode,
        string? reasonString, IReadOnlyList<MqttUserProperty> userProperties)
    {
        var properties = ReasonSize(reasonString, userProperties);
        if (properties == 0 && reasonCode == 0)
        {
            MqttFixedHeader.WriteIdentifierOnly(output, type, identifier);
            return;
        }

        var length = 3 + (properties == 0 ? 0 : ListSize(properties));
        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(type), length, length, out var total);
        writer.WriteUInt16(MqttFixedHeader.ValidatePacketIdentifier(identifier, type));
        writer.WriteByte(reasonCode);
        if (properties > 0)
        {
            writer.WriteVariableByteInteger(properties);
            writer.WriteReason(reasonString, userProperties);
        }

        output.Advance(total);
    }

    /// <summary>SUBSCRIBE (MQTT 5 §3.8): Packet Identifier, properties, Topic Filter + Subscription Options pairs.</summary>
    private static void EncodeSubscribe(SubscribePacket packet, IBufferWriter<byte> output)
    {
        var identifier = MqttFixedHeader.ValidatePacketIdentifier(packet.PacketIdentifier, MqttPacketType.Subscribe);
        if (packet.TopicFilters.Count == 0)
        {
            throw MqttProtocolException.ProtocolError("SUBSCRIBE needs at least one Topic Filter [MQTT-3.8.3-2].");
        }

        var properties = UserPropertiesSize(packet.UserProperties)
            + (packet.SubscriptionIdentifier is { } subscriptionIdentifier ? VariableByteIntegerSize(subscriptionIdentifier) : 0);
        var length = 2 + ListSize(properties);
        foreach (var filter in packet.TopicFilters)
        {
            length += MqttEncoding.StringSize(filter.Topic) + 1;
        }

        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(MqttPacketType.Subscribe), length, length, out var total);
        writer.WriteUInt16(identifier);
        writer.WriteVariableByteInteger(properties);
        if (packet.SubscriptionIdentifier is { } id)
        {
            writer.WriteVariableByteInteger(MqttPropertyId.SubscriptionIdentifier, id);
        }

        writer.WriteUserProperties(packet.UserProperties);
        foreach (var filter in packet.TopicFilters)
        {
            writer.WriteString(filter.Topic);
            writer.WriteByte(SubscriptionOptions(filter));
        }

        output.Advance(total);
    }

    /// <summary>Subscription Options byte (MQTT 5 §3.8.3.1): QoS bits 1-0, No Local bit 2, Retain As Published bit 3, Retain Handling bits 5-4.</summary>
    private static byte SubscriptionOptions(MqttTopicFilter filter)
    {
        if (filter.RetainHandling > 2)
        {
            throw MqttProtocolException.ProtocolError($"Retain Handling {filter.RetainHandling} does not exist [MQTT-3.8.3-4].");
        }

        return (byte)((int)MqttFixedHeader.ValidateQos(filter.Qos)
            | (filter.NoLocal ? 0x04 : 0)
            | (filter.RetainAsPublished ? 0x08 : 0)
            | (filter.RetainHandling << 4));
    }

    /// <summary>UNSUBSCRIBE (MQTT 5 §3.10): Packet Identifier, properties, Topic Filters.</summary>
    private static void EncodeUnsubscribe(UnsubscribePacket packet, IBufferWriter<byte> output)
    {
        var identifier = MqttFixedHeader.ValidatePacketIdentifier(packet.PacketIdentifier, MqttPacketType.Unsubscribe);
        if (packet.TopicFilters.Count == 0)
        {
            throw MqttProtocolException.ProtocolError("UNSUBSCRIBE needs at least one Topic Filter [MQTT-3.10.3-2].");
        }

        var properties = UserPropertiesSize(packet.UserProperties);
        var length = 2 + ListSize(properties);
        foreach (var filter in packet.TopicFilters)
        {
            length += MqttEncoding.StringSize(filter);
        }

        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(MqttPacketType.Unsubscribe), length, length, out var total);
        writer.WriteUInt16(identifier);
        writer.WriteVariableByteInteger(properties);
        writer.WriteUserProperties(packet.UserProperties);
        foreach (var filter in packet.TopicFilters)
        {
            writer.WriteString(filter);
        }

        output.Advance(total);
    }

    /// <summary>SUBACK (MQTT 5 §3.9) and UNSUBACK (§3.11): Packet Identifier, properties, one Reason Code per filter.</summary>
    private static void EncodeReasonCodes<TCode>(
        IBufferWriter<byte> output, MqttPacketType type, ushort identifier, IReadOnlyList<TCode> codes,
        string? reasonString, IReadOnlyList<MqttUserProperty> userProperties)
        where TCode : struct, Enum
    {
        var properties = ReasonSize(reasonString, userProperties);
        var length = 2 + ListSize(properties) + codes.Count;
        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(type), length, length, out var total);
        writer.WriteUInt16(MqttFixedHeader.ValidatePacketIdentifier(identifier, type));
        writer.WriteVariableByteInteger(properties);
        writer.WriteReason(reasonString, userProperties);
        for (var index = 0; index < codes.Count; index++)
        {
            var code = codes[index];
            writer.WriteByte(System.Runtime.CompilerServices.Unsafe.As<TCode, byte>(ref code));
        }

        output.Advance(total);
    }

    private static void EncodeSubAck(SubAckPacket packet, IBufferWriter<byte> output) => EncodeReasonCodes(
        output, MqttPacketType.SubAck, packet.PacketIdentifier, packet.ReasonCodes, packet.ReasonString, packet.UserProperties);

    private static void EncodeUnsubAck(UnsubAckPacket packet, IBufferWriter<byte> output) => EncodeReasonCodes(
        output, MqttPacketType.UnsubAck, packet.PacketIdentifier, packet.ReasonCodes, packet.ReasonString, packet.UserProperties);
}
