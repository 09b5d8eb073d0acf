using System.Buffers;
using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Formatting;

public sealed partial class MqttV311PacketFormatter
{
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

        if (type is 0 or MqttPacketType.Auth)
        {
            throw MqttProtocolException.Malformed($"Packet type {(int)type} is reserved in MQTT 3.1.1 (§2.2.1).");
        }

        MqttFixedHeader.ValidateFlags(type, flags);
        MqttPacket packet = type switch
        {
            MqttPacketType.PubAck => new PubAckPacket { PacketIdentifier = reader.ReadPacketIdentifier() },
            MqttPacketType.PubRec => new PubRecPacket { PacketIdentifier = reader.ReadPacketIdentifier() },
            MqttPacketType.PubRel => new PubRelPacket { PacketIdentifier = reader.ReadPacketIdentifier() },
            MqttPacketType.PubComp => new PubCompPacket { PacketIdentifier = reader.ReadPacketIdentifier() },
            MqttPacketType.Connect => DecodeConnect(ref reader),
            MqttPacketType.ConnAck => DecodeConnAck(ref reader),
            MqttPacketType.Subscribe => DecodeSubscribe(ref reader),
            MqttPacketType.SubAck => DecodeSubAck(ref reader),
            MqttPacketType.Unsubscribe => DecodeUnsubscribe(ref reader),
            MqttPacketType.UnsubAck => new UnsubAckPacket { PacketIdentifier = reader.ReadPacketIdentifier() },
            MqttPacketType.PingReq => PingReqPacket.Instance,
            MqttPacketType.PingResp => PingRespPacket.Instance,
            _ => new DisconnectPacket(),
        };
        reader.EnsureEnd(type.ToString());
        return packet;
    }

    private static PublishPacket DecodePublish(int flags, ref MqttSpanReader reader)
    {
        var qos = MqttFixedHeader.ReadPublishFlags(flags, out var dup, out var retain);
        var topic = reader.ReadString();
        if (topic.Length == 0)
        {
            throw MqttProtocolException.ProtocolError("PUBLISH with an empty Topic Name [MQTT-4.7.3-1].");
        }

        return new PublishPacket
        {
            Topic = MqttFixedHeader.ValidateTopicName(topic),
            Qos = qos,
            Dup = dup,
            Retain = retain,
            PacketIdentifier = qos > MqttQos.AtMostOnce ? reader.ReadPacketIdentifier() : (ushort)0,
            Payload = reader.ReadToEnd().ToArray(),
        };
    }

    /// <summary>CONNECT (3.1.1 §3.1.2-3); a server detects the level first with <see cref="MqttPacketFormatter.ReadConnectProtocolVersion"/>.</summary>
    private static ConnectPacket DecodeConnect(ref MqttSpanReader reader)
    {
        if (!reader.ReadSpan(ProtocolName.Length, "Protocol Name").SequenceEqual(ProtocolName))
        {
            throw MqttProtocolException.ProtocolError("CONNECT Protocol Name is not \"MQTT\" [MQTT-3.1.2-1].");
        }

        var level = reader.ReadByte();
        if (level != (byte)MqttProtocolVersion.V311)
        {
            throw MqttProtocolException.ProtocolError($"CONNECT Protocol Level {level} is not 4 [MQTT-3.1.2-2].");
        }

        var flags = MqttConnectFlags.Read(reader.ReadByte(), passwordNeedsUsername: true);
        var keepAlive = reader.ReadUInt16();
        var clientId = reader.ReadString();
        var will = flags.HasWill ? new MqttWill(MqttFixedHeader.ValidateTopicName(reader.ReadString()), reader.ReadBinary(), flags.WillQos, flags.WillRetain) : null;
        return new ConnectPacket
        {
            CleanSession = flags.CleanSession,
            KeepAlive = keepAlive,
            ClientId = clientId,
            Will = will,
            Username = flags.HasUsername ? reader.ReadString() : null,
            Password = flags.HasPassword ? reader.ReadBinary() : (ReadOnlyMemory<byte>?)null,
        };
    }

    private static ConnAckPacket DecodeConnAck(ref MqttSpanReader reader)
    {
        var acknowledgeFlags = reader.ReadByte();
        if ((acknowledgeFlags & 0xFE) != 0)
        {
            throw MqttProtocolException.Malformed("CONNACK Acknowledge Flags bits 7-1 are reserved (MQTT 3.1.1 §3.2.2.1).");
        }

        return new ConnAckPacket
        {
            SessionPresent = acknowledgeFlags == 1,
            ReasonCode = MqttV311ReturnCodes.ToReasonCode(reader.ReadByte()),
        };
    }

    private static SubscribePacket DecodeSubscribe(ref MqttSpanReader reader)
    {
        var identifier = reader.ReadPacketIdentifier();
        var filters = new List<MqttTopicFilter>();
        while (!reader.End)
        {
            var topic = reader.ReadString();
            var requestedQos = reader.ReadByte();
            if (requestedQos > 2)
            {
                throw MqttProtocolException.Malformed(
                    $"SUBSCRIBE Requested QoS byte 0x{requestedQos:X2}: bits 7-2 are reserved and QoS 3 does not exist [MQTT-3.8.3-4].");
            }

            filters.Add(new MqttTopicFilter(topic, (MqttQos)requestedQos));
        }

        return filters.Count > 0
            ? new SubscribePacket { PacketIdentifier = identifier, TopicFilters = filters }
            : throw MqttProtocolException.ProtocolError("SUBSCRIBE without a Topic Filter [MQTT-3.8.3-3].");
    }

    private static SubAckPacket DecodeSubAck(ref MqttSpanReader reader)
    {
        var identifier = reader.ReadPacketIdentifier();
        var codes = new MqttSubscribeReasonCode[reader.Remaining];
        for (var index = 0; index < codes.Length; index++)
        {
            var code = reader.ReadByte();
            codes[index] = code is <= 2 or 0x80
                ? (MqttSubscribeReasonCode)code
                : throw MqttProtocolException.Malformed($"SUBACK return code 0x{code:X2} is reserved (MQTT 3.1.1 §3.9.3).");
        }

        return codes.Length > 0
            ? new SubAckPacket { PacketIdentifier = identifier, ReasonCodes = codes }
            : throw MqttProtocolException.ProtocolError("SUBACK without a return code (MQTT 3.1.1 §3.9.3).");
    }

    private static UnsubscribePacket DecodeUnsubscribe(ref MqttSpanReader reader)
    {
        var identifier = reader.ReadPacketIdentifier();
        var filters = new List<string>();
        while (!reader.End)
        {
            filters.Add(reader.ReadString());
        }

        return filters.Count > 0
            ? new UnsubscribePacket { PacketIdentifier = identifier, TopicFilters = filters }
            : throw MqttProtocolException.ProtocolError("UNSUBSCRIBE without a Topic Filter [MQTT-3.10.3-2].");
    }
}
