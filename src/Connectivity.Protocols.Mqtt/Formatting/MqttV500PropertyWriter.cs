namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>
/// Sizes and writes single MQTT 5 properties (identifier byte + value, MQTT 5 §2.2.2.2). Each
/// <c>Size</c> method returns 0 for an absent property, so the callers sum sizes first and write
/// afterwards without intermediate buffers.
/// </summary>
internal static class MqttV500PropertyWriter
{
    public static int ByteSize(bool present) => present ? 2 : 0;

    public static int UInt16Size(bool present) => present ? 3 : 0;

    public static int UInt32Size(bool present) => present ? 5 : 0;

    public static int StringSize(string? value) => value is null ? 0 : 1 + MqttEncoding.StringSize(value);

    public static int BinarySize(ReadOnlyMemory<byte>? value) =>
        value is { } bytes ? 1 + MqttEncoding.BinarySize(bytes.Length) : 0;

    public static int VariableByteIntegerSize(uint value)
    {
        if (value is 0 or > MqttEncoding.MaxVariableByteInteger)
        {
            throw MqttProtocolException.ProtocolError($"Subscription Identifier {value} is outside 1..268435455 (MQTT 5 §3.8.2.1.2).");
        }

        return 1 + MqttEncoding.VariableByteIntegerSize((int)value);
    }

    public static int UserPropertiesSize(IReadOnlyList<MqttUserProperty> properties)
    {
        var size = 0;
        for (var index = 0; index < properties.Count; index++)
        {
            var property = properties[index];
            size += 1 + MqttEncoding.StringSize(property.Name) + MqttEncoding.StringSize(property.Value);
        }

        return size;
    }

    /// <summary>The common tail of acknowledgements: Reason String and User Properties.</summary>
    public static int ReasonSize(string? reasonString, IReadOnlyList<MqttUserProperty> userProperties) =>
        StringSize(reasonString) + UserPropertiesSize(userProperties);

    /// <summary>Size of a whole property list: Property Length plus the properties.</summary>
    public static int ListSize(int propertiesLength) =>
        MqttEncoding.VariableByteIntegerSize(propertiesLength) + propertiesLength;

    public static void WriteByte(this ref MqttSpanWriter writer, MqttPropertyId id, byte value)
    {
        writer.WriteByte((byte)id);
        writer.WriteByte(value);
    }

    public static void WriteUInt16(this ref MqttSpanWriter writer, MqttPropertyId id, ushort value)
    {
        writer.WriteByte((byte)id);
        writer.WriteUInt16(value);
    }

    public static void WriteUInt32(this ref MqttSpanWriter writer, MqttPropertyId id, uint value)
    {
        writer.WriteByte((byte)id);
        writer.WriteUInt32(value);
    }

    public static void WriteString(this ref MqttSpanWriter writer, MqttPropertyId id, string? value)
    {
        if (value is not null)
        {
            writer.WriteByte((byte)id);
            writer.WriteString(value);
        }
    }

    public static void WriteBinary(this ref MqttSpanWriter writer, MqttPropertyId id, ReadOnlyMemory<byte>? value)
    {
        if (value is { } bytes)
        {
            writer.WriteByte((byte)id);
            writer.WriteBinary(bytes.Span);
        }
    }

    public static void WriteVariableByteInteger(this ref MqttSpanWriter writer, MqttPropertyId id, uint value)
    {
        writer.WriteByte((byte)id);
        writer.WriteVariableByteInteger((int)value);
    }

    public static void WriteUserProperties(this ref MqttSpanWriter writer, IReadOnlyList<MqttUserProperty> properties)
    {
        for (var index = 0; index < properties.Count; index++)
        {
            var property = properties[index];
            writer.WriteByte((byte)MqttPropertyId.UserProperty);
            writer.WriteString(property.Name);
            writer.WriteString(property.Value);
        }
    }

    public static void WriteReason(this ref MqttSpanWriter writer, string? reasonString, IReadOnlyList<MqttUserProperty> userProperties)
    {
        writer.WriteString(MqttPropertyId.ReasonString, reasonString);
        writer.WriteUserProperties(userProperties);
    }
}
