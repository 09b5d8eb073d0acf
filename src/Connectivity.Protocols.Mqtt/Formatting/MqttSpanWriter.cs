using System.Buffers.Binary;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>
/// Writes MQTT data representations (MQTT 5 §1.5) into a span sized beforehand; the formatters
/// compute exact sizes first, so no bounds are checked here beyond the span's own.
/// </summary>
internal ref struct MqttSpanWriter
{
    private readonly Span<byte> _span;
    private int _position;

    public MqttSpanWriter(Span<byte> span)
    {
        _span = span;
        _position = 0;
    }

    public readonly int Position => _position;

    public void WriteByte(byte value) => _span[_position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_span[_position..], value);
        _position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_span[_position..], value);
        _position += 4;
    }

    /// <summary>Variable Byte Integer (MQTT 5 §1.5.5): 7 bits per byte, least significant first.</summary>
    public void WriteVariableByteInteger(int value)
    {
        var remaining = (uint)value;
        do
        {
            var digit = (byte)(remaining & 0x7F);
            remaining >>= 7;
            if (remaining > 0)
            {
                digit |= 0x80;
            }

            _span[_position++] = digit;
        }
        while (remaining > 0);
    }

    /// <summary>UTF-8 Encoded String (MQTT 5 §1.5.4), validated by <see cref="MqttEncoding.StringSize"/>.</summary>
    public void WriteString(string value)
    {
        var length = MqttEncoding.EncodeString(value, _span[(_position + 2)..]);
        BinaryPrimitives.WriteUInt16BigEndian(_span[_position..], (ushort)length);
        _position += 2 + length;
    }

    /// <summary>Binary Data (MQTT 5 §1.5.6): two byte length then the bytes.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteUInt16((ushort)value.Length);
        WriteBytes(value);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_span[_position..]);
        _position += value.Length;
    }
}
