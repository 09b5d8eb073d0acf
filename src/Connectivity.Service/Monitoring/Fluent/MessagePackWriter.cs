using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Text;

namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>
/// Writes the MessagePack types the Fluentd Forward protocol needs (msgpack spec, "Formats"): nil, bool, integers in
/// their smallest form, float 64, str, bin, array and map headers, ext, and Fluentd's EventTime (ext type 0).
/// Not thread-safe.
/// </summary>
public sealed class MessagePackWriter(IBufferWriter<byte> output)
{
    /// <summary>The ext type of Fluentd's EventTime (Forward protocol v1, "EventTime Ext Format").</summary>
    public const sbyte EventTimeExtType = 0;

    public void WriteNil() => WriteByte(0xc0);

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)0xc3 : (byte)0xc2);

    /// <summary>A signed integer in its shortest form: fixint, then uint 8/16/32/64 for positives, int 8/16/32/64 for negatives.</summary>
    public void WriteInteger(long value)
    {
        if (value >= 0)
        {
            WriteInteger((ulong)value);
        }
        else if (value >= -32)
        {
            WriteByte(unchecked((byte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            var span = output.GetSpan(2);
            span[0] = 0xd0;
            span[1] = unchecked((byte)value);
            output.Advance(2);
        }
        else if (value >= short.MinValue)
        {
            var span = output.GetSpan(3);
            span[0] = 0xd1;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            output.Advance(3);
        }
        else if (value >= int.MinValue)
        {
            var span = output.GetSpan(5);
            span[0] = 0xd2;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            output.Advance(5);
        }
        else
        {
            var span = output.GetSpan(9);
            span[0] = 0xd3;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            output.Advance(9);
        }
    }

    /// <summary>An unsigned integer in its shortest form: positive fixint, uint 8/16/32/64.</summary>
    public void WriteInteger(ulong value)
    {
        if (value <= 0x7f)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            var span = output.GetSpan(2);
            span[0] = 0xcc;
            span[1] = (byte)value;
            output.Advance(2);
        }
        else if (value <= ushort.MaxValue)
        {
            WriteMarkerAndUInt16(0xcd, (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            WriteMarkerAndUInt32(0xce, (uint)value);
        }
        else
        {
            var span = output.GetSpan(9);
            span[0] = 0xcf;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            output.Advance(9);
        }
    }

    /// <summary>float 64 (0xcb, IEEE 754 big-endian).</summary>
    public void WriteDouble(double value)
    {
        var span = output.GetSpan(9);
        span[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        output.Advance(9);
    }

    /// <summary>A UTF-8 string as fixstr, str 8, str 16 or str 32.</summary>
    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length < 32)
        {
            WriteByte((byte)(0xa0 | length));
        }
        else if (length <= byte.MaxValue)
        {
            var header = output.GetSpan(2);
            header[0] = 0xd9;
            header[1] = (byte)length;
            output.Advance(2);
        }
        else if (length <= ushort.MaxValue)
        {
            WriteMarkerAndUInt16(0xda, (ushort)length);
        }
        else
        {
            WriteMarkerAndUInt32(0xdb, (uint)length);
        }

        var written = Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(written);
    }

    /// <summary>Raw bytes as bin 8, bin 16 or bin 32.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteBinaryHeader(value.Length);
        WriteRaw(value);
    }

    /// <summary>The header of a bin of <paramref name="length"/> bytes, which the caller writes next with <see cref="WriteRaw"/>.</summary>
    public void WriteBinaryHeader(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length <= byte.MaxValue)
        {
            var header = output.GetSpan(2);
            header[0] = 0xc4;
            header[1] = (byte)length;
            output.Advance(2);
        }
        else if (length <= ushort.MaxValue)
        {
            WriteMarkerAndUInt16(0xc5, (ushort)length);
        }
        else
        {
            WriteMarkerAndUInt32(0xc6, (uint)length);
        }
    }

    /// <summary>The header of an array of <paramref name="count"/> elements: fixarray, array 16 or array 32.</summary>
    public void WriteArrayHeader(int count) => WriteContainerHeader(count, 0x90, 0xdc, 0xdd);

    /// <summary>The header of a map of <paramref name="count"/> key/value pairs: fixmap, map 16 or map 32.</summary>
    public void WriteMapHeader(int count) => WriteContainerHeader(count, 0x80, 0xde, 0xdf);

    /// <summary>An extension value: fixext 1/2/4/8/16 when the length fits, else ext 8/16/32.</summary>
    public void WriteExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        byte? fixMarker = data.Length switch { 1 => 0xd4, 2 => 0xd5, 4 => 0xd6, 8 => 0xd7, 16 => 0xd8, _ => null };
        if (fixMarker is { } marker)
        {
            WriteByte(marker);
        }
        else if (data.Length <= byte.MaxValue)
        {
            var header = output.GetSpan(2);
            header[0] = 0xc7;
            header[1] = (byte)data.Length;
            output.Advance(2);
        }
        else if (data.Length <= ushort.MaxValue)
        {
            WriteMarkerAndUInt16(0xc8, (ushort)data.Length);
        }
        else
        {
            WriteMarkerAndUInt32(0xc9, (uint)data.Length);
        }

        WriteByte(unchecked((byte)type));
        WriteRaw(data);
    }

    /// <summary>
    /// Fluentd's EventTime: fixext 8 of type 0 holding the Unix seconds and the nanoseconds as two big-endian uint 32
    /// (times before 1970 are written as the epoch).
    /// </summary>
    public void WriteEventTime(DateTimeOffset time)
    {
        var ticksSinceEpoch = Math.Max(0, time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks);
        var seconds = Math.DivRem(ticksSinceEpoch, TimeSpan.TicksPerSecond, out var remainder);
        Span<byte> data = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(data, unchecked((uint)seconds));
        BinaryPrimitives.WriteUInt32BigEndian(data[4..], (uint)(remainder * 100));
        WriteExtension(EventTimeExtType, data);
    }

    /// <summary>
    /// A value of a log record: null, string, bool, integers, floating point numbers (as float 64), bytes (bin),
    /// dictionaries with string keys (map), other sequences (array); anything else as its invariant string.
    /// </summary>
    public void WriteValue(object? value)
    {
        switch (value)
        {
            case null:
                WriteNil();
                break;
            case string text:
                WriteString(text);
                break;
            case bool flag:
                WriteBoolean(flag);
                break;
            case sbyte or short or int or long:
                WriteInteger(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case byte or ushort or uint or ulong:
                WriteInteger(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case float or double or decimal:
                WriteDouble(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                WriteBinary(bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                WriteBinary(memory.Span);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                WriteMap(map);
                break;
            case IEnumerable<KeyValuePair<string, string>> stringMap:
                WriteMap(stringMap.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value)));
                break;
            case IEnumerable sequence:
                var items = sequence.Cast<object?>().ToList();
                WriteArrayHeader(items.Count);
                foreach (var item in items)
                {
                    WriteValue(item);
                }

                break;
            default:
                WriteString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                break;
        }
    }

    /// <summary>A map with string keys, in the order given.</summary>
    public void WriteMap(IEnumerable<KeyValuePair<string, object?>> map)
    {
        var pairs = map as IReadOnlyCollection<KeyValuePair<string, object?>> ?? map.ToList();
        WriteMapHeader(pairs.Count);
        foreach (var (key, value) in pairs)
        {
            WriteString(key);
            WriteValue(value);
        }
    }

    /// <summary>Bytes that already are MessagePack (e.g. entries encoded earlier).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => output.Write(bytes);

    private void WriteContainerHeader(int count, byte fixMarker, byte marker16, byte marker32)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 16)
        {
            WriteByte((byte)(fixMarker | count));
        }
        else if (count <= ushort.MaxValue)
        {
            WriteMarkerAndUInt16(marker16, (ushort)count);
        }
        else
        {
            WriteMarkerAndUInt32(marker32, (uint)count);
        }
    }

    private void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private void WriteMarkerAndUInt16(byte marker, ushort value)
    {
        var span = output.GetSpan(3);
        span[0] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], value);
        output.Advance(3);
    }

    private void WriteMarkerAndUInt32(byte marker, uint value)
    {
        var span = output.GetSpan(5);
        span[0] = marker;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], value);
        output.Advance(5);
    }
}
