namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>
/// Reads an MQTT 5 property list: Property Length (Variable Byte Integer) then identifier/value
/// pairs (MQTT 5 §2.2.2). An identifier not valid for the packet type is a Malformed Packet
/// (§2.2.2.2); a property other than User Property (and Subscription Identifier in PUBLISH)
/// appearing twice is a Protocol Error.
/// </summary>
internal static class MqttV500PropertyReader
{
    public static ulong Allow(params ReadOnlySpan<MqttPropertyId> ids)
    {
        ulong mask = 0;
        foreach (var id in ids)
        {
            mask |= 1UL << (int)id;
        }

        return mask;
    }

    public static void Read(ref MqttSpanReader reader, ulong allowed, string packet, out MqttV500Properties properties)
    {
        properties = default;
        var length = reader.ReadVariableByteInteger();
        if (length == 0)
        {
            return;
        }

        var list = new MqttSpanReader(reader.ReadSpan(length, "Properties"));
        ulong seen = 0;
        while (!list.End)
        {
            var raw = list.ReadVariableByteInteger();
            if (raw >= 64 || (allowed & (1UL << raw)) == 0)
            {
                throw MqttProtocolException.Malformed($"Property identifier 0x{raw:X2} is not valid in {packet} (MQTT 5 §2.2.2.2).");
            }

            var id = (MqttPropertyId)raw;
            var bit = 1UL << raw;
            if ((seen & bit) != 0 && id is not (MqttPropertyId.UserProperty or MqttPropertyId.SubscriptionIdentifier))
            {
                throw MqttProtocolException.ProtocolError($"Property {id} appears more than once in {packet} (MQTT 5 §2.2.2.2).");
            }

            seen |= bit;
            ReadValue(ref list, id, ref properties);
        }

        if (properties.AuthenticationData is not null && properties.AuthenticationMethod is null)
        {
            throw MqttProtocolException.ProtocolError($"{packet} has Authentication Data without Authentication Method (MQTT 5 §3.1.2.11.10).");
        }
    }

    private static void ReadValue(ref MqttSpanReader list, MqttPropertyId id, ref MqttV500Properties p)
    {
        switch (id)
        {
            case MqttPropertyId.PayloadFormatIndicator:
                p.PayloadFormatIndicator = (MqttPayloadFormatIndicator)ReadFlag(ref list, id);
                break;
            case MqttPropertyId.MessageExpiryInterval:
                p.MessageExpiryInterval = list.ReadUInt32();
                break;
            case MqttPropertyId.ContentType:
                p.ContentType = list.ReadString();
                break;
            case MqttPropertyId.ResponseTopic:
                p.ResponseTopic = MqttFixedHeader.ValidateTopicName(list.ReadString());
                break;
            case MqttPropertyId.CorrelationData:
                p.CorrelationData = list.ReadBinary();
                break;
            case MqttPropertyId.SubscriptionIdentifier:
                (p.SubscriptionIdentifiers ??= []).Add((uint)NonZero(list.ReadVariableByteInteger(), id));
                break;
            case MqttPropertyId.SessionExpiryInterval:
                p.SessionExpiryInterval = list.ReadUInt32();
                break;
            case MqttPropertyId.AssignedClientIdentifier:
                p.AssignedClientIdentifier = list.ReadString();
                break;
            case MqttPropertyId.ServerKeepAlive:
                p.ServerKeepAlive = list.ReadUInt16();
                break;
            case MqttPropertyId.AuthenticationMethod:
                p.AuthenticationMethod = list.ReadString();
                break;
            case MqttPropertyId.AuthenticationData:
                p.AuthenticationData = list.ReadBinary();
                break;
            case MqttPropertyId.RequestProblemInformation:
                p.RequestProblemInformation = ReadFlag(ref list, id) == 1;
                break;
            case MqttPropertyId.WillDelayInterval:
                p.WillDelayInterval = list.ReadUInt32();
                break;
            case MqttPropertyId.RequestResponseInformation:
                p.RequestResponseInformation = ReadFlag(ref list, id) == 1;
                break;
            case MqttPropertyId.ResponseInformation:
                p.ResponseInformation = list.ReadString();
                break;
            case MqttPropertyId.ServerReference:
                p.ServerReference = list.ReadString();
                break;
            case MqttPropertyId.ReasonString:
                p.ReasonString = list.ReadString();
                break;
            case MqttPropertyId.ReceiveMaximum:
                p.ReceiveMaximum = (ushort)NonZero(list.ReadUInt16(), id);
                break;
            case MqttPropertyId.TopicAliasMaximum:
                p.TopicAliasMaximum = list.ReadUInt16();
                break;
            case MqttPropertyId.TopicAlias:
                p.TopicAlias = (ushort)NonZero(list.ReadUInt16(), id);
                break;
            case MqttPropertyId.MaximumQos:
                p.MaximumQos = (MqttQos)ReadFlag(ref list, id);
                break;
            case MqttPropertyId.RetainAvailable:
                p.RetainAvailable = ReadFlag(ref list, id) == 1;
                break;
            case MqttPropertyId.UserProperty:
                (p.UserProperties ??= []).Add(new MqttUserProperty(list.ReadString(), list.ReadString()));
                break;
            case MqttPropertyId.MaximumPacketSize:
                p.MaximumPacketSize = (uint)NonZero(list.ReadUInt32(), id);
                break;
            case MqttPropertyId.WildcardSubscriptionAvailable:
                p.WildcardSubscriptionAvailable = ReadFlag(ref list, id) == 1;
                break;
            case MqttPropertyId.SubscriptionIdentifierAvailable:
                p.SubscriptionIdentifierAvailable = ReadFlag(ref list, id) == 1;
                break;
            case MqttPropertyId.SharedSubscriptionAvailable:
                p.SharedSubscriptionAvailable = ReadFlag(ref list, id) == 1;
                break;
            default:
                throw MqttProtocolException.Malformed($"Unknown property identifier 0x{(byte)id:X2} (MQTT 5 §2.2.2.2).");
        }
    }

    /// <summary>A byte property whose only values are 0 and 1; anything else is a Protocol Error.</summary>
    private static byte ReadFlag(ref MqttSpanReader list, MqttPropertyId id)
    {
        var value = list.ReadByte();
        return value <= 1
            ? value
            : throw MqttProtocolException.ProtocolError($"Property {id} has value {value}; only 0 or 1 is allowed (MQTT 5 §3).");
    }

    private static long NonZero(long value, MqttPropertyId id) => value != 0
        ? value
        : throw MqttProtocolException.ProtocolError($"Property {id} must not be 0 (MQTT 5 §3).");
}
