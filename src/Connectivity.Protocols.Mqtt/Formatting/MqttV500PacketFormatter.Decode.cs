using System.Buffers;
using System.Runtime.CompilerServices;
using Connectivity.Protocols.Mqtt.Packets;
using static Connectivity.Protocols.Mqtt.Formatting.MqttPropertyId;
using static Connectivity.Protocols.Mqtt.Formatting.MqttV500PropertyReader;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>Decoding: dispatch, PUBLISH and its acknowledgements, subscriptions.</summary>
public sealed partial class MqttV500PacketFormatter
{
    private static readonly ulong PublishProperties = Allow(
        PayloadFormatIndicator, MessageExpiryInterval, TopicAlias, ResponseTopic, CorrelationData, UserProperty,
        SubscriptionIdentifier, ContentType);

    private static readonly ulong ReasonProperties = Allow(ReasonString, UserProperty);
    private static readonly ulong SubscribeProperties = Allow(SubscriptionIdentifier, UserProperty);
    private static readonly ulong UnsubscribeProperties = Allow(UserProperty);

    /// <inheritdoc />
    public MqttPacket Decode(byte fixedHeader, ReadOnlySequence<byte> body) =>
        MqttFixedHeader.WithContiguous(body, fixedHeader, static (header, span) => Instance.Decode(header, span));

    /// <summary>Decodes a packet whose body is one span; the packet copies what it keeps.</summary>
    public MqttPacket Decode(byte fixedHeader, ReadOnlySpan<byte> body)
    {
        var type = (MqttPacketType)(fixedHeader >> 4);
        var flags = fixedHeader & 0x0F;
        var reader = new MqttSpanReader(body);
        if (type == MqttPacketType.Publish)
        {
            return DecodePublish(flags, ref reader);
        }

        if (type == 0)
        {
            throw MqttProtocolException.Malformed("Packet type 0 is reserved (MQTT 5 §2.1.2).");
        }

        MqttFixedHeader.ValidateFlags(type, flags);
        MqttPacket packet = type switch
        {
            MqttPacketType.PubAck => DecodePubAck(ref reader),
            MqttPacketType.PubRec => DecodePubRec(ref reader),
            MqttPacketType.PubRel => DecodePubRel(ref reader),
            MqttPacketType.PubComp => DecodePubComp(ref reader),
            MqttPacketType.Connect => DecodeConnect(ref reader),
            MqttPacketType.ConnAck => DecodeConnAck(ref reader),
            MqttPacketType.Subscribe => DecodeSubscribe(ref reader),
            MqttPacketType.SubAck => DecodeSubAck(ref reader),
            MqttPacketType.Unsubscribe => DecodeUnsubscribe(ref reader),
            MqttPacketType.UnsubAck => DecodeUnsubAck(ref reader),
            MqttPacketType.PingReq => PingReqPacket.Instance,
            MqttPacketType.PingResp => PingRespPacket.Instance,
            MqttPacketType.Disconnect => DecodeDisconnect(ref reader),
            _ => DecodeAuth(ref reader),
        };
        reader.EnsureEnd(type.ToString());
        return packet;
    }

    /// <summary>PUBLISH (MQTT 5 §3.3.2): an empty Topic Name needs a Topic Alias.</summary>
    private static PublishPacket DecodePublish(int flags, ref MqttSpanReader reader)
    {
        var qos = MqttFixedHeader.ReadPublishFlags(flags, out var dup, out var retain);
        var topic = MqttFixedHeader.ValidateTopicName(reader.ReadString());
        var identifier = qos > MqttQos.AtMostOnce ? reader.ReadPacketIdentifier() : (ushort)0;
        Read(ref reader, PublishProperties, "PUBLISH", out var properties);
        if (topic.Length == 0 && properties.TopicAlias is null)
        {
            throw MqttProtocolException.ProtocolError("PUBLISH with an empty Topic Name and no Topic Alias (MQTT 5 §3.3.2.1).");
        }

        return new PublishPacket
        {
            Topic = topic,
            Qos = qos,
            Dup = dup,
            Retain = retain,
            PacketIdentifier = identifier,
            PayloadFormatIndicator = properties.PayloadFormatIndicator,
            MessageExpiryInterval = properties.MessageExpiryInterval,
            TopicAlias = properties.TopicAlias,
            ResponseTopic = properties.ResponseTopic,
            CorrelationData = properties.CorrelationData,
            UserProperties = properties.UserPropertyList,
            SubscriptionIdentifiers = properties.SubscriptionIdentifierList,
            ContentType = properties.ContentType,
            Payload = reader.ReadToEnd().ToArray(),
        };
    }

    private static PubAckPacket DecodePubAck(ref MqttSpanReader reader)
    {
        var identifier = ReadAck(ref reader, "PUBACK", out var code, out var properties);
        return new PubAckPacket
        {
            PacketIdentifier = identifier,
            ReasonCode = ReasonCode<MqttPubAckReasonCode>(code, "PUBACK"),
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
        };
    }

    private static PubRecPacket DecodePubRec(ref MqttSpanReader reader)
    {
        var identifier = ReadAck(ref reader, "PUBREC", out var code, out var properties);
        return new PubRecPacket
        {
            PacketIdentifier = identifier,
            ReasonCode = ReasonCode<MqttPubRecReasonCode>(code, "PUBREC"),
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
        };
    }

    private static PubRelPacket DecodePubRel(ref MqttSpanReader reader)
    {
        var identifier = ReadAck(ref reader, "PUBREL", out var code, out var properties);
        return new PubRelPacket
        {
            PacketIdentifier = identifier,
            ReasonCode = ReasonCode<MqttPubRelReasonCode>(code, "PUBREL"),
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
        };
    }

    private static PubCompPacket DecodePubComp(ref MqttSpanReader reader)
    {
        var identifier = ReadAck(ref reader, "PUBCOMP", out var code, out var properties);
        return new PubCompPacket
        {
            PacketIdentifier = identifier,
            ReasonCode = ReasonCode<MqttPubCompReasonCode>(code, "PUBCOMP"),
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
        };
    }

    /// <summary>
    /// PUBACK/PUBREC/PUBREL/PUBCOMP variable header (MQTT 5 §3.4.2): Remaining Length 2 means
    /// Success without properties; 3 means a Reason Code without properties.
    /// </summary>
    private static ushort ReadAck(ref MqttSpanReader reader, string packet, out byte reasonCode, out MqttV500Properties properties)
    {
        var identifier = reader.ReadPacketIdentifier();
        reasonCode = reader.End ? (byte)0 : reader.ReadByte();
        properties = default;
        if (!reader.End)
        {
            Read(ref reader, ReasonProperties, packet, out properties);
        }

        return identifier;
    }

    /// <summary>SUBSCRIBE (MQTT 5 §3.8.2-3).</summary>
    private static SubscribePacket DecodeSubscribe(ref MqttSpanReader reader)
    {
        var identifier = reader.ReadPacketIdentifier();
        Read(ref reader, SubscribeProperties, "SUBSCRIBE", out var properties);
        if (properties.SubscriptionIdentifiers is { Count: > 1 })
        {
            throw MqttProtocolException.ProtocolError("SUBSCRIBE has more than one Subscription Identifier (MQTT 5 §3.8.2.1.2).");
        }

        var filters = new List<MqttTopicFilter>();
        while (!reader.End)
        {
            var topic = reader.ReadString();
            var options = reader.ReadByte();
            if ((options & 0xC0) != 0)
            {
                throw MqttProtocolException.Malformed("SUBSCRIBE Subscription Options bits 7-6 are reserved [MQTT-3.8.3-5].");
            }

            var qos = options & 0x03;
            var retainHandling = (options >> 4) & 0x03;
            if (qos == 3 || retainHandling == 3)
            {
                throw MqttProtocolException.ProtocolError("SUBSCRIBE with QoS 3 or Retain Handling 3 (MQTT 5 §3.8.3.1).");
            }

            filters.Add(new MqttTopicFilter(topic, (MqttQos)qos, (options & 0x04) != 0, (options & 0x08) != 0, (byte)retainHandling));
        }

        return filters.Count > 0
            ? new SubscribePacket
            {
                PacketIdentifier = identifier,
                TopicFilters = filters,
                SubscriptionIdentifier = properties.SubscriptionIdentifiers?[0],
                UserProperties = properties.UserPropertyList,
            }
            : throw MqttProtocolException.ProtocolError("SUBSCRIBE without a Topic Filter [MQTT-3.8.3-2].");
    }

    private static SubAckPacket DecodeSubAck(ref MqttSpanReader reader)
    {
        var identifier = reader.ReadPacketIdentifier();
        Read(ref reader, ReasonProperties, "SUBACK", out var properties);
        return new SubAckPacket
        {
            PacketIdentifier = identifier,
            ReasonCodes = ReadReasonCodes<MqttSubscribeReasonCode>(ref reader, "SUBACK"),
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
        };
    }

    private static UnsubscribePacket DecodeUnsubscribe(ref MqttSpanReader reader)
    {
        var identifier = reader.ReadPacketIdentifier();
        Read(ref reader, UnsubscribeProperties, "UNSUBSCRIBE", out var properties);
        var filters = new List<string>();
        while (!reader.End)
        {
            filters.Add(reader.ReadString());
        }

        return filters.Count > 0
            ? new UnsubscribePacket { PacketIdentifier = identifier, TopicFilters = filters, UserProperties = properties.UserPropertyList }
            : throw MqttProtocolException.ProtocolError("UNSUBSCRIBE without a Topic Filter [MQTT-3.10.3-2].");
    }

    private static UnsubAckPacket DecodeUnsubAck(ref MqttSpanReader reader)
    {
        var identifier = reader.ReadPacketIdentifier();
        Read(ref reader, ReasonProperties, "UNSUBACK", out var properties);
        return new UnsubAckPacket
        {
            PacketIdentifier = identifier,
            ReasonCodes = ReadReasonCodes<MqttUnsubscribeReasonCode>(ref reader, "UNSUBACK"),
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
        };
    }

    private static TCode[] ReadReasonCodes<TCode>(ref MqttSpanReader reader, string packet)
        where TCode : struct, Enum
    {
        var codes = new TCode[reader.Remaining];
        for (var index = 0; index < codes.Length; index++)
        {
            codes[index] = ReasonCode<TCode>(reader.ReadByte(), packet);
        }

        return codes.Length > 0 ? codes : throw MqttProtocolException.ProtocolError($"{packet} without a Reason Code (MQTT 5 §3.9.3, §3.11.3).");
    }

    /// <summary>A Reason Code must be one the spec lists for the packet (e.g. [MQTT-3.4.2-1]).</summary>
    private static TCode ReasonCode<TCode>(byte value, string packet)
        where TCode : struct, Enum
    {
        var code = Unsafe.As<byte, TCode>(ref value);
        return Enum.IsDefined(code)
            ? code
            : throw MqttProtocolException.ProtocolError($"{packet} Reason Code 0x{value:X2} is not defined for the packet (MQTT 5 §2.4).");
    }
}
