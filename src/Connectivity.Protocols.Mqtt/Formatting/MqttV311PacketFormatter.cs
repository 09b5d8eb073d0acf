using System.Buffers;
using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>
/// MQTT 3.1.1 (OASIS Standard, protocol level 4) encoder and decoder. MQTT 5 only fields of the
/// packets are ignored on encode and left at their defaults on decode; CONNACK return codes 0..5
/// are mapped to and from <see cref="MqttConnectReasonCode"/>.
/// </summary>
public sealed partial class MqttV311PacketFormatter : IMqttPacketFormatter
{
    private static readonly byte[] ProtocolName = [0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T'];

    /// <summary>The shared, stateless instance.</summary>
    public static MqttV311PacketFormatter Instance { get; } = new();

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
                MqttFixedHeader.WriteIdentifierOnly(output, MqttPacketType.PubAck, ack.PacketIdentifier);
                break;
            case PubRecPacket rec:
                MqttFixedHeader.WriteIdentifierOnly(output, MqttPacketType.PubRec, rec.PacketIdentifier);
                break;
            case PubRelPacket rel:
                MqttFixedHeader.WriteIdentifierOnly(output, MqttPacketType.PubRel, rel.PacketIdentifier);
                break;
            case PubCompPacket comp:
                MqttFixedHeader.WriteIdentifierOnly(output, MqttPacketType.PubComp, comp.PacketIdentifier);
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
                MqttFixedHeader.WriteIdentifierOnly(output, MqttPacketType.UnsubAck, unsubAck.PacketIdentifier);
                break;
            case PingReqPacket or PingRespPacket or DisconnectPacket:
                MqttFixedHeader.WriteEmpty(output, packet.PacketType);
                break;
            default:
                throw MqttProtocolException.ProtocolError($"{packet.PacketType} does not exist in MQTT 3.1.1.");
        }
    }

    /// <summary>PUBLISH (3.1.1 §3.3): Topic Name, Packet Identifier for QoS 1/2, payload.</summary>
    private static void EncodePublish(PublishPacket packet, IBufferWriter<byte> output)
    {
        var header = MqttFixedHeader.BuildPublish(packet);
        if (packet.Topic.Length == 0)
        {
            throw MqttProtocolException.ProtocolError("An MQTT 3.1.1 Topic Name must not be empty [MQTT-4.7.3-1].");
        }

        var prefix = MqttEncoding.StringSize(MqttFixedHeader.ValidateTopicName(packet.Topic)) + (packet.Qos > MqttQos.AtMostOnce ? 2 : 0);
        var payload = packet.Payload.Span;
        var inline = MqttFixedHeader.IsInline(payload.Length);
        var writer = MqttFixedHeader.Begin(output, header, (long)prefix + payload.Length, prefix + (inline ? payload.Length : 0), out var total);
        writer.WriteString(packet.Topic);
        if (packet.Qos > MqttQos.AtMostOnce)
        {
            writer.WriteUInt16(MqttFixedHeader.ValidatePacketIdentifier(packet.PacketIdentifier, MqttPacketType.Publish));
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

    /// <summary>CONNECT (3.1.1 §3.1): "MQTT", level 4, Connect Flags, Keep Alive, then the payload fields in order.</summary>
    private static void EncodeConnect(ConnectPacket packet, IBufferWriter<byte> output)
    {
        if (packet.Password is not null && packet.Username is null)
        {
            throw MqttProtocolException.ProtocolError("MQTT 3.1.1 allows a Password only with a User Name [MQTT-3.1.2-22].");
        }

        var flags = MqttConnectFlags.Build(packet.CleanSession, packet.Will, packet.Username is not null, packet.Password is not null);
        var length = 10 + MqttEncoding.StringSize(packet.ClientId);
        if (packet.Will is { } will)
        {
            length += MqttEncoding.StringSize(MqttFixedHeader.ValidateTopicName(will.Topic)) + MqttEncoding.BinarySize(will.Payload.Length);
        }

        if (packet.Username is { } username)
        {
            length += MqttEncoding.StringSize(username);
        }

        if (packet.Password is { } password)
        {
            length += MqttEncoding.BinarySize(password.Length);
        }

        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(MqttPacketType.Connect), length, length, out var total);
        writer.WriteBytes(ProtocolName);
        writer.WriteByte((byte)MqttProtocolVersion.V311);
        writer.WriteByte(flags);
        writer.WriteUInt16(packet.KeepAlive);
        writer.WriteString(packet.ClientId);
        if (packet.Will is { } willMessage)
        {
            writer.WriteString(willMessage.Topic);
            writer.WriteBinary(willMessage.Payload.Span);
        }

        if (packet.Username is { } user)
        {
            writer.WriteString(user);
        }

        if (packet.Password is { } pass)
        {
            writer.WriteBinary(pass.Span);
        }

        output.Advance(total);
    }

    /// <summary>CONNACK (3.1.1 §3.2): Connect Acknowledge Flags and the return code.</summary>
    private static void EncodeConnAck(ConnAckPacket packet, IBufferWriter<byte> output)
    {
        var returnCode = MqttV311ReturnCodes.FromReasonCode(packet.ReasonCode);
        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(MqttPacketType.ConnAck), 2, 2, out var total);

        // Session Present must be 0 when the return code is non-zero [MQTT-3.2.2-4].
        writer.WriteByte((byte)(packet.SessionPresent && returnCode == 0 ? 1 : 0));
        writer.WriteByte(returnCode);
        output.Advance(total);
    }

    /// <summary>SUBSCRIBE (3.1.1 §3.8): Packet Identifier, then Topic Filter + Requested QoS pairs.</summary>
    private static void EncodeSubscribe(SubscribePacket packet, IBufferWriter<byte> output)
    {
        var identifier = MqttFixedHeader.ValidatePacketIdentifier(packet.PacketIdentifier, MqttPacketType.Subscribe);
        if (packet.TopicFilters.Count == 0)
        {
            throw MqttProtocolException.ProtocolError("SUBSCRIBE needs at least one Topic Filter [MQTT-3.8.3-3].");
        }

        var length = 2;
        foreach (var filter in packet.TopicFilters)
        {
            length += MqttEncoding.StringSize(filter.Topic) + 1;
        }

        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(MqttPacketType.Subscribe), length, length, out var total);
        writer.WriteUInt16(identifier);
        foreach (var filter in packet.TopicFilters)
        {
            writer.WriteString(filter.Topic);
            writer.WriteByte((byte)MqttFixedHeader.ValidateQos(filter.Qos));
        }

        output.Advance(total);
    }

    /// <summary>SUBACK (3.1.1 §3.9): return codes 0x00-0x02 or 0x80 (Failure).</summary>
    private static void EncodeSubAck(SubAckPacket packet, IBufferWriter<byte> output)
    {
        var identifier = MqttFixedHeader.ValidatePacketIdentifier(packet.PacketIdentifier, MqttPacketType.SubAck);
        var length = 2 + packet.ReasonCodes.Count;
        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(MqttPacketType.SubAck), length, length, out var total);
        writer.WriteUInt16(identifier);
        foreach (var code in packet.ReasonCodes)
        {
            writer.WriteByte(code <= MqttSubscribeReasonCode.GrantedQoS2 ? (byte)code : (byte)MqttSubscribeReasonCode.UnspecifiedError);
        }

        output.Advance(total);
    }

    /// <summary>UNSUBSCRIBE (3.1.1 §3.10): Packet Identifier, then Topic Filters.</summary>
    private static void EncodeUnsubscribe(UnsubscribePacket packet, IBufferWriter<byte> output)
    {
        var identifier = MqttFixedHeader.ValidatePacketIdentifier(packet.PacketIdentifier, MqttPacketType.Unsubscribe);
        if (packet.TopicFilters.Count == 0)
        {
            throw MqttProtocolException.ProtocolError("UNSUBSCRIBE needs at least one Topic Filter [MQTT-3.10.3-2].");
        }

        var length = 2;
        foreach (var filter in packet.TopicFilters)
        {
            length += MqttEncoding.StringSize(filter);
        }

        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(MqttPacketType.Unsubscribe), length, length, out var total);
        writer.WriteUInt16(identifier);
        foreach (var filter in packet.TopicFilters)
        {
            writer.WriteString(filter);
        }

        output.Advance(total);
    }
}
