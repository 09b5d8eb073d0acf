using System.Buffers;
using Connectivity.Protocols.Mqtt.Packets;
using static Connectivity.Protocols.Mqtt.Formatting.MqttV500PropertyWriter;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>Encoding of the session packets: CONNECT, CONNACK, DISCONNECT, AUTH.</summary>
public sealed partial class MqttV500PacketFormatter
{
    private static readonly byte[] ProtocolName = [0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T'];

    /// <summary>CONNECT (MQTT 5 §3.1): variable header with properties (§3.1.2.11), then the payload (§3.1.3).</summary>
    private static void EncodeConnect(ConnectPacket packet, IBufferWriter<byte> output)
    {
        if (packet.ReceiveMaximum == 0 || packet.MaximumPacketSize == 0)
        {
            throw MqttProtocolException.ProtocolError("Receive Maximum and Maximum Packet Size must not be 0 (MQTT 5 §3.1.2.11.3-4).");
        }

        ValidateAuthentication(packet.AuthenticationMethod, packet.AuthenticationData);
        var properties = UInt32Size(packet.SessionExpiryInterval != 0)
            + UInt16Size(packet.ReceiveMaximum != ushort.MaxValue)
            + UInt32Size(packet.MaximumPacketSize.HasValue)
            + UInt16Size(packet.TopicAliasMaximum != 0)
            + ByteSize(packet.RequestResponseInformation)
            + ByteSize(!packet.RequestProblemInformation)
            + UserPropertiesSize(packet.UserProperties)
            + StringSize(packet.AuthenticationMethod)
            + BinarySize(packet.AuthenticationData);
        var length = 10 + ListSize(properties) + MqttEncoding.StringSize(packet.ClientId);
        var willProperties = 0;
        if (packet.Will is { } will)
        {
            willProperties = UInt32Size(will.WillDelayInterval != 0) + MessagePropertiesSize(
                will.PayloadFormatIndicator, will.MessageExpiryInterval, will.ContentType, will.ResponseTopic,
                will.CorrelationData, will.UserProperties);
            length += ListSize(willProperties) + MqttEncoding.StringSize(MqttFixedHeader.ValidateTopicName(will.Topic)) + MqttEncoding.BinarySize(will.Payload.Length);
        }

        length += (packet.Username is { } username ? MqttEncoding.StringSize(username) : 0)
            + (packet.Password is { } password ? MqttEncoding.BinarySize(password.Length) : 0);

        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(MqttPacketType.Connect), length, length, out var total);
        writer.WriteBytes(ProtocolName);
        writer.WriteByte((byte)MqttProtocolVersion.V500);
        writer.WriteByte(MqttConnectFlags.Build(packet.CleanSession, packet.Will, packet.Username is not null, packet.Password is not null));
        writer.WriteUInt16(packet.KeepAlive);
        writer.WriteVariableByteInteger(properties);
        if (packet.SessionExpiryInterval != 0)
        {
            writer.WriteUInt32(MqttPropertyId.SessionExpiryInterval, packet.SessionExpiryInterval);
        }

        if (packet.ReceiveMaximum != ushort.MaxValue)
        {
            writer.WriteUInt16(MqttPropertyId.ReceiveMaximum, packet.ReceiveMaximum);
        }

        if (packet.MaximumPacketSize is { } maximumPacketSize)
        {
            writer.WriteUInt32(MqttPropertyId.MaximumPacketSize, maximumPacketSize);
        }

        if (packet.TopicAliasMaximum != 0)
        {
            writer.WriteUInt16(MqttPropertyId.TopicAliasMaximum, packet.TopicAliasMaximum);
        }

        if (packet.RequestResponseInformation)
        {
            writer.WriteByte(MqttPropertyId.RequestResponseInformation, 1);
        }

        if (!packet.RequestProblemInformation)
        {
            writer.WriteByte(MqttPropertyId.RequestProblemInformation, 0);
        }

        writer.WriteUserProperties(packet.UserProperties);
        writer.WriteString(MqttPropertyId.AuthenticationMethod, packet.AuthenticationMethod);
        writer.WriteBinary(MqttPropertyId.AuthenticationData, packet.AuthenticationData);

        writer.WriteString(packet.ClientId);
        if (packet.Will is { } willMessage)
        {
            writer.WriteVariableByteInteger(willProperties);
            if (willMessage.WillDelayInterval != 0)
            {
                writer.WriteUInt32(MqttPropertyId.WillDelayInterval, willMessage.WillDelayInterval);
            }

            WriteMessageProperties(
                ref writer, willMessage.PayloadFormatIndicator, willMessage.MessageExpiryInterval, willMessage.ContentType,
                willMessage.ResponseTopic, willMessage.CorrelationData, willMessage.UserProperties);
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

    /// <summary>CONNACK (MQTT 5 §3.2): Acknowledge Flags, Reason Code, properties (§3.2.2.3).</summary>
    private static void EncodeConnAck(ConnAckPacket packet, IBufferWriter<byte> output)
    {
        if (packet.ReceiveMaximum == 0 || packet.MaximumPacketSize == 0 || packet.MaximumQos > MqttQos.ExactlyOnce)
        {
            throw MqttProtocolException.ProtocolError("CONNACK Receive Maximum / Maximum Packet Size 0 or Maximum QoS over 2 (MQTT 5 §3.2.2.3).");
        }

        ValidateAuthentication(packet.AuthenticationMethod, packet.AuthenticationData);
        var properties = UInt32Size(packet.SessionExpiryInterval.HasValue)
            + UInt16Size(packet.ReceiveMaximum != ushort.MaxValue)
            + ByteSize(packet.MaximumQos != MqttQos.ExactlyOnce)
            + ByteSize(!packet.RetainAvailable)
            + UInt32Size(packet.MaximumPacketSize.HasValue)
            + StringSize(packet.AssignedClientIdentifier)
            + UInt16Size(packet.TopicAliasMaximum != 0)
            + ReasonSize(packet.ReasonString, packet.UserProperties)
            + ByteSize(!packet.WildcardSubscriptionAvailable)
            + ByteSize(!packet.SubscriptionIdentifiersAvailable)
            + ByteSize(!packet.SharedSubscriptionAvailable)
            + UInt16Size(packet.ServerKeepAlive.HasValue)
            + StringSize(packet.ResponseInformation)
            + StringSize(packet.ServerReference)
            + StringSize(packet.AuthenticationMethod)
            + BinarySize(packet.AuthenticationData);
        var length = 2 + ListSize(properties);
        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(MqttPacketType.ConnAck), length, length, out var total);

        // Session Present must be 0 with a failure Reason Code [MQTT-3.2.2-6].
        writer.WriteByte((byte)(packet.SessionPresent && packet.ReasonCode < MqttConnectReasonCode.UnspecifiedError ? 1 : 0));
        writer.WriteByte((byte)packet.ReasonCode);
        writer.WriteVariableByteInteger(properties);
        if (packet.SessionExpiryInterval is { } sessionExpiryInterval)
        {
            writer.WriteUInt32(MqttPropertyId.SessionExpiryInterval, sessionExpiryInterval);
        }

        if (packet.ReceiveMaximum != ushort.MaxValue)
        {
            writer.WriteUInt16(MqttPropertyId.ReceiveMaximum, packet.ReceiveMaximum);
        }

        if (packet.MaximumQos != MqttQos.ExactlyOnce)
        {
            writer.WriteByte(MqttPropertyId.MaximumQos, (byte)packet.MaximumQos);
        }

        WriteFlagIfFalse(ref writer, MqttPropertyId.RetainAvailable, packet.RetainAvailable);
        if (packet.MaximumPacketSize is { } maximumPacketSize)
        {
            writer.WriteUInt32(MqttPropertyId.MaximumPacketSize, maximumPacketSize);
        }

        writer.WriteString(MqttPropertyId.AssignedClientIdentifier, packet.AssignedClientIdentifier);
        if (packet.TopicAliasMaximum != 0)
        {
            writer.WriteUInt16(MqttPropertyId.TopicAliasMaximum, packet.TopicAliasMaximum);
        }

        writer.WriteReason(packet.ReasonString, packet.UserProperties);
        WriteFlagIfFalse(ref writer, MqttPropertyId.WildcardSubscriptionAvailable, packet.WildcardSubscriptionAvailable);
        WriteFlagIfFalse(ref writer, MqttPropertyId.SubscriptionIdentifierAvailable, packet.SubscriptionIdentifiersAvailable);
        WriteFlagIfFalse(ref writer, MqttPropertyId.SharedSubscriptionAvailable, packet.SharedSubscriptionAvailable);
        if (packet.ServerKeepAlive is { } serverKeepAlive)
        {
            writer.WriteUInt16(MqttPropertyId.ServerKeepAlive, serverKeepAlive);
        }

        writer.WriteString(MqttPropertyId.ResponseInformation, packet.ResponseInformation);
        writer.WriteString(MqttPropertyId.ServerReference, packet.ServerReference);
        writer.WriteString(MqttPropertyId.AuthenticationMethod, packet.AuthenticationMethod);
        writer.WriteBinary(MqttPropertyId.AuthenticationData, packet.AuthenticationData);
        output.Advance(total);
    }

    /// <summary>DISCONNECT (MQTT 5 §3.14): empty for Normal disconnection without properties, else Reason Code [+ properties].</summary>
    private static void EncodeDisconnect(DisconnectPacket packet, IBufferWriter<byte> output)
    {
        var properties = UInt32Size(packet.SessionExpiryInterval.HasValue)
            + ReasonSize(packet.ReasonString, packet.UserProperties)
            + StringSize(packet.ServerReference);
        if (properties == 0 && packet.ReasonCode == MqttDisconnectReasonCode.NormalDisconnection)
        {
            MqttFixedHeader.WriteEmpty(output, MqttPacketType.Disconnect);
            return;
        }

        var length = 1 + (properties == 0 ? 0 : ListSize(properties));
        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(MqttPacketType.Disconnect), length, length, out var total);
        writer.WriteByte((byte)packet.ReasonCode);
        if (properties > 0)
        {
            writer.WriteVariableByteInteger(properties);
            if (packet.SessionExpiryInterval is { } sessionExpiryInterval)
            {
                writer.WriteUInt32(MqttPropertyId.SessionExpiryInterval, sessionExpiryInterval);
            }

            writer.WriteReason(packet.ReasonString, packet.UserProperties);
            writer.WriteString(MqttPropertyId.ServerReference, packet.ServerReference);
        }

        output.Advance(total);
    }

    /// <summary>AUTH (MQTT 5 §3.15): empty for Success without properties, else Reason Code + properties.</summary>
    private static void EncodeAuth(AuthPacket packet, IBufferWriter<byte> output)
    {
        ValidateAuthentication(packet.AuthenticationMethod, packet.AuthenticationData);
        var properties = StringSize(packet.AuthenticationMethod)
            + BinarySize(packet.AuthenticationData)
            + ReasonSize(packet.ReasonString, packet.UserProperties);
        if (properties == 0 && packet.ReasonCode == MqttAuthenticateReasonCode.Success)
        {
            MqttFixedHeader.WriteEmpty(output, MqttPacketType.Auth);
            return;
        }

        var length = 1 + ListSize(properties);
        var writer = MqttFixedHeader.Begin(output, MqttFixedHeader.Build(MqttPacketType.Auth), length, length, out var total);
        writer.WriteByte((byte)packet.ReasonCode);
        writer.WriteVariableByteInteger(properties);
        writer.WriteString(MqttPropertyId.AuthenticationMethod, packet.AuthenticationMethod);
        writer.WriteBinary(MqttPropertyId.AuthenticationData, packet.AuthenticationData);
        writer.WriteReason(packet.ReasonString, packet.UserProperties);
        output.Advance(total);
    }

    /// <summary>Properties shared by PUBLISH (§3.3.2.3) and the Will Properties (§3.1.3.2).</summary>
    private static int MessagePropertiesSize(
        MqttPayloadFormatIndicator payloadFormat, uint? messageExpiryInterval, string? contentType, string? responseTopic,
        ReadOnlyMemory<byte>? correlationData, IReadOnlyList<MqttUserProperty> userProperties) =>
        ByteSize(payloadFormat != MqttPayloadFormatIndicator.Unspecified)
        + UInt32Size(messageExpiryInterval.HasValue)
        + StringSize(contentType)
        + StringSize(responseTopic is null ? null : MqttFixedHeader.ValidateTopicName(responseTopic))
        + BinarySize(correlationData)
        + UserPropertiesSize(userProperties);

    private static void WriteMessageProperties(
        ref MqttSpanWriter writer, MqttPayloadFormatIndicator payloadFormat, uint? messageExpiryInterval, string? contentType,
        string? responseTopic, ReadOnlyMemory<byte>? correlationData, IReadOnlyList<MqttUserProperty> userProperties)
    {
        if (payloadFormat != MqttPayloadFormatIndicator.Unspecified)
        {
            writer.WriteByte(MqttPropertyId.PayloadFormatIndicator, (byte)payloadFormat);
        }

        if (messageExpiryInterval is { } expiry)
        {
            writer.WriteUInt32(MqttPropertyId.MessageExpiryInterval, expiry);
        }

        writer.WriteString(MqttPropertyId.ContentType, contentType);
        writer.WriteString(MqttPropertyId.ResponseTopic, responseTopic);
        writer.WriteBinary(MqttPropertyId.CorrelationData, correlationData);
        writer.WriteUserProperties(userProperties);
    }

    private static void WriteFlagIfFalse(ref MqttSpanWriter writer, MqttPropertyId id, bool value)
    {
        if (!value)
        {
            writer.WriteByte(id, 0);
        }
    }

    private static void ValidateAuthentication(string? method, ReadOnlyMemory<byte>? data)
    {
        if (data is not null && method is null)
        {
            throw MqttProtocolException.ProtocolError("Authentication Data without Authentication Method (MQTT 5 §3.1.2.11.10).");
        }
    }
}
