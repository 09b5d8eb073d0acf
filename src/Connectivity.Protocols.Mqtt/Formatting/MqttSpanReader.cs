using System.Buffers.Binary;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>
/// Reads MQTT data representations (MQTT 5 §1.5) from a packet body; every read past the end
/// throws <see cref="MqttProtocolException"/> (Malformed Packet), never an index exception.
/// </summary>
internal ref struct MqttSpanReader
{
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    public MqttSpanReader(ReadOnlySpan<byte> span)
    {
        _span = span;
        _position = 0;
    }

    public readonly bool End => _position >= _span.Length;

    public readonly int Remaining => _span.Length - _position;

    public byte ReadByte()
    {
        Ensure(1, "byte");
        return _span[_position++];
    }

    public ushort ReadUInt16()
    {
        Ensure(2, "two byte integer");
        var value = BinaryPrimitives.ReadUInt16BigEndian(_span[_position..]);
        _position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        Ensure(4, "four byte integer");
        var value = BinaryPrimitives.ReadUInt32BigEndian(_span[_position..]);
        _position += 4;
        return value;
    }

    /// <summary>Variable Byte Integer (MQTT 5 §1.5.5): at most 4 bytes, minimal encoding [MQTT-1.5.5-1].</summary>
    public int ReadVariableByteInteger()
    {
        var value = 0;
        for (var index = 0; index < 4; index++)
        {
            var digit = ReadByte();
            value |= (digit & 0x7F) << (7 * index);
            if ((digit & 0x80) == 0)
            {
                if (digit == 0 && index > 0)
                {
                    throw MqttProtocolException.Malformed("A Variable Byte Integer is not minimally encoded [MQTT-1.5.5-1].");
                }

                return value;
            }
        }

        throw MqttProtocolException.Malformed("A Variable Byte Integer is longer than 4 bytes (MQTT 5 §1.5.5).");
    }

    /// <summary>UTF-8 Encoded String (MQTT 5 §1.5.4).</summary>
    public string ReadString() => MqttEncoding.DecodeString(ReadBinarySpan("UTF-8 string"));

    /// <summary>
    /// Binary Data (MQTT 5 §1.5.6), copied so the packet outlives the receive buffer. Beware that a
    /// null <c>byte[]</c> (or a bare <c>null</c> in a conditional) converts to a non-null empty <c>ReadOnlyMemory&lt;byte&gt;?</c>.
    /// </summary>
    public byte[] ReadBinary() => ReadBinarySpan("binary data").ToArray();

    /// <summary>A Packet Identifier, which must be non-zero [MQTT-2.2.1-3].</summary>
    public ushort ReadPacketIdentifier()
    {
        var identifier = ReadUInt16();
        return identifier != 0
            ? identifier
            : throw MqttProtocolException.Malformed("Packet Identifier 0 where a non-zero one is required [MQTT-2.2.1-3].");
    }

    public ReadOnlySpan<byte> ReadSpan(int length, string field)
    {
        Ensure(length, field);
        var slice = _span.Slice(_position, length);
        _position += length;
        return slice;
    }

    public ReadOnlySpan<byte> ReadToEnd()
    {
        var rest = _span[_position..];
        _position = _span.Length;
        return rest;
    }

    /// <summary>Throws unless the body has been consumed exactly.</summary>
    public readonly void EnsureEnd(string packet)
    {
        if (!End)
        {
            throw MqttProtocolException.Malformed($"{packet} has {Remaining} unexpected trailing bytes.");
        }
    }

    private ReadOnlySpan<byte> ReadBinarySpan(string field)
    {
        var length = ReadUInt16();
        return ReadSpan(length, field);
    }

    private readonly void Ensure(int count, string field)
    {
        if (count > _span.Length - _position)
        {
            throw MqttProtocolException.Malformed($"Packet truncated: {field} needs {count} bytes, {Remaining} left.");
        }
    }
}
