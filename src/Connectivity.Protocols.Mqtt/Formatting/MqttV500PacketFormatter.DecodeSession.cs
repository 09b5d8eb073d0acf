using Connectivity.Protocols.Mqtt.Packets;
using static Connectivity.Protocols.Mqtt.Formatting.MqttPropertyId;
using static Connectivity.Protocols.Mqtt.Formatting.MqttV500PropertyReader;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>Decoding of the session packets: CONNECT, CONNACK, DISCONNECT, AUTH.</summary>
public sealed partial class MqttV500PacketFormatter
{
    private static readonly ulong ConnectProperties = Allow(
        SessionExpiryInterval, ReceiveMaximum, MaximumPacketSize, TopicAliasMaximum, RequestResponseInformation,
        RequestProblemInformation, UserProperty, AuthenticationMethod, AuthenticationData);

    private static readonly ulong WillProperties = Allow(
        WillDelayInterval, PayloadFormatIndicator, MessageExpiryInterval, ContentType, ResponseTopic, CorrelationData, UserProperty);

    private static readonly ulong ConnAckProperties = Allow(
        SessionExpiryInterval, ReceiveMaximum, MaximumQos, RetainAvailable, MaximumPacketSize, AssignedClientIdentifier,
        TopicAliasMaximum, ReasonString, UserProperty, WildcardSubscriptionAvailable, SubscriptionIdentifierAvailable,
        SharedSubscriptionAvailable, ServerKeepAlive, ResponseInformation, ServerReference, AuthenticationMethod, AuthenticationData);

    private static readonly ulong DisconnectProperties = Allow(SessionExpiryInterval, ReasonString, UserProperty, ServerReference);
    private static readonly ulong AuthProperties = Allow(AuthenticationMethod, AuthenticationData, ReasonString, UserProperty);

    /// <summary>CONNECT (MQTT 5 §3.1.2-3); a server detects the level first with <see cref="MqttPacketFormatter.ReadConnectProtocolVersion"/>.</summary>
    private static ConnectPacket DecodeConnect(ref MqttSpanReader reader)
    {
        if (!reader.ReadSpan(ProtocolName.Length, "Protocol Name").SequenceEqual(ProtocolName))
        {
            throw MqttProtocolException.ProtocolError("CONNECT Protocol Name is not \"MQTT\" [MQTT-3.1.2-1].");
        }

        var level = reader.ReadByte();
        if (level != (byte)MqttProtocolVersion.V500)
        {
            throw MqttProtocolException.ProtocolError($"CONNECT Protocol Level {level} is not 5 [MQTT-3.1.2-2].");
        }

        var flags = MqttConnectFlags.Read(reader.ReadByte(), passwordNeedsUsername: false);
        var keepAlive = reader.ReadUInt16();
        Read(ref reader, ConnectProperties, "CONNECT", out var properties);
        var clientId = reader.ReadString();
        MqttWill? will = null;
        if (flags.HasWill)
        {
            Read(ref reader, WillProperties, "CONNECT Will Properties", out var willProperties);
            will = new MqttWill(MqttFixedHeader.ValidateTopicName(reader.ReadString()), reader.ReadBinary(), flags.WillQos, flags.WillRetain)
            {
                WillDelayInterval = willProperties.WillDelayInterval ?? 0,
                PayloadFormatIndicator = willProperties.PayloadFormatIndicator,
                MessageExpiryInterval = willProperties.MessageExpiryInterval,
                ContentType = willProperties.ContentType,
                ResponseTopic = willProperties.ResponseTopic,
                CorrelationData = willProperties.CorrelationData,
                UserProperties = willProperties.UserPropertyList,
            };
        }

        return new ConnectPacket
        {
            CleanSession = flags.CleanSession,
            KeepAlive = keepAlive,
            ClientId = clientId,
            Will = will,
            Username = flags.HasUsername ? reader.ReadString() : null,
            Password = flags.HasPassword ? reader.ReadBinary() : (ReadOnlyMemory<byte>?)null,
            SessionExpiryInterval = properties.SessionExpiryInterval ?? 0,
            ReceiveMaximum = properties.ReceiveMaximum ?? ushort.MaxValue,
            MaximumPacketSize = properties.MaximumPacketSize,
            TopicAliasMaximum = properties.TopicAliasMaximum ?? 0,
            RequestResponseInformation = properties.RequestResponseInformation ?? false,
            RequestProblemInformation = properties.RequestProblemInformation ?? true,
            UserProperties = properties.UserPropertyList,
            AuthenticationMethod = properties.AuthenticationMethod,
            AuthenticationData = properties.AuthenticationData,
        };
    }

    /// <summary>CONNACK (MQTT 5 §3.2.2).</summary>
    private static ConnAckPacket DecodeConnAck(ref MqttSpanReader reader)
    {
        var acknowledgeFlags = reader.ReadByte();
        if ((acknowledgeFlags & 0xFE) != 0)
        {
            throw MqttProtocolException.Malformed("CONNACK Acknowledge Flags bits 7-1 are reserved [MQTT-3.2.2-1].");
        }

        var reasonCode = ReasonCode<MqttConnectReasonCode>(reader.ReadByte(), "CONNACK");
        Read(ref reader, ConnAckProperties, "CONNACK", out var properties);
        return new ConnAckPacket
        {
            SessionPresent = acknowledgeFlags == 1,
            ReasonCode = reasonCode,
            SessionExpiryInterval = properties.SessionExpiryInterval,
            ReceiveMaximum = properties.ReceiveMaximum ?? ushort.MaxValue,
            MaximumQos = properties.MaximumQos ?? MqttQos.ExactlyOnce,
            RetainAvailable = properties.RetainAvailable ?? true,
            MaximumPacketSize = properties.MaximumPacketSize,
            AssignedClientIdentifier = properties.AssignedClientIdentifier,
            TopicAliasMaximum = properties.TopicAliasMaximum ?? 0,
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
            WildcardSubscriptionAvailable = properties.WildcardSubscriptionAvailable ?? true,
            SubscriptionIdentifiersAvailable = properties.SubscriptionIdentifierAvailable ?? true,
            SharedSubscriptionAvailable = properties.SharedSubscriptionAvailable ?? true,
            ServerKeepAlive = properties.ServerKeepAlive,
            ResponseInformation = properties.ResponseInformation,
            ServerReference = properties.ServerReference,
            AuthenticationMethod = properties.AuthenticationMethod,
            AuthenticationData = properties.AuthenticationData,
        };
    }

    /// <summary>DISCONNECT (MQTT 5 §3.14.2): no body means Normal disconnection.</summary>
    private static DisconnectPacket DecodeDisconnect(ref MqttSpanReader reader)
    {
        var code = reader.End ? (byte)0 : reader.ReadByte();
        MqttV500Properties properties = default;
        if (!reader.End)
        {
            Read(ref reader, DisconnectProperties, "DISCONNECT", out properties);
        }

        return new DisconnectPacket
        {
            ReasonCode = ReasonCode<MqttDisconnectReasonCode>(code, "DISCONNECT"),
            SessionExpiryInterval = properties.SessionExpiryInterval,
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
            ServerReference = properties.ServerReference,
        };
    }

    /// <summary>AUTH (MQTT 5 §3.15.2): no body means Success.</summary>
    private static AuthPacket DecodeAuth(ref MqttSpanReader reader)
    {
        var code = reader.End ? (byte)0 : reader.ReadByte();
        MqttV500Properties properties = default;
        if (!reader.End)
        {
            Read(ref reader, AuthProperties, "AUTH", out properties);
        }

        return new AuthPacket
        {
            ReasonCode = ReasonCode<MqttAuthenticateReasonCode>(code, "AUTH"),
            AuthenticationMethod = properties.AuthenticationMethod,
            AuthenticationData = properties.AuthenticationData,
            ReasonString = properties.ReasonString,
            UserProperties = properties.UserPropertyList,
        };
    }
}
