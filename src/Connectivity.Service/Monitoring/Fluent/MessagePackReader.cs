using System.Buffers.Binary;
using System.Text;

namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>
/// Decodes one MessagePack value from a buffer that may hold only part of it (bytes read from a socket so far):
/// nil ⇒ null, bool, integers ⇒ <see cref="long"/> (uint 64 above <see cref="long.MaxValue"/> ⇒ <see cref="ulong"/>),
/// float 32/64 ⇒ <see cref="double"/>, str ⇒ <see cref="string"/>, bin ⇒ <see cref="byte"/>[], array ⇒
/// <see cref="object"/>?[], map ⇒ <see cref="Dictionary{TKey,TValue}"/> (keys as decoded), ext ⇒
/// <see cref="MessagePackExtension"/>. Used for the acknowledgements a Forward-protocol server sends back.
/// </summary>
public static class MessagePackReader
{
    private const int MaxDepth = 32;

    /// <summary>Decodes the value at the start of <paramref name="buffer"/>.</summary>
    /// <returns>False if <paramref name="buffer"/> ends before the value does (read more and try again).</returns>
    /// <exception cref="FormatException">If the bytes are not MessagePack (reserved marker 0xc1, nesting too deep).</exception>
    public static bool TryRead(ReadOnlySpan<byte> buffer, out object? value, out int consumed)
    {
        var position = 0;
        if (TryReadValue(buffer, ref position, 0, out value))
        {
            consumed = position;
            return true;
        }

        consumed = 0;
        value = null;
        return false;
    }

    private static bool TryReadValue(ReadOnlySpan<byte> buffer, ref int position, int depth, out object? value)
    {
        value = null;
        if (depth > MaxDepth)
        {
            throw new FormatException($"MessagePack nesting deeper than {MaxDepth}.");
        }

        if (position >= buffer.Length)
        {
            return false;
        }

        var marker = buffer[position++];
        switch (marker)
        {
            case <= 0x7f:
                value = (long)marker;
                return true;
            case >= 0xe0:
                value = (long)unchecked((sbyte)marker);
                return true;
            case >= 0x80 and <= 0x8f:
                return TryReadMap(buffer, ref position, marker & 0x0f, depth, out value);
            case >= 0x90 and <= 0x9f:
                return TryReadArray(buffer, ref position, marker & 0x0f, depth, out value);
            case >= 0xa0 and <= 0xbf:
                return TryReadString(buffer, ref position, marker & 0x1f, out value);
            case 0xc0:
                return true;
            case 0xc2:
                value = false;
                return true;
            case 0xc3:
                value = true;
                return true;
            case 0xc4 or 0xc5 or 0xc6:
                return TryReadLength(buffer, ref position, marker - 0xc4, out var binLength) && TryReadBytes(buffer, ref position, binLength, out value);
            case 0xc7 or 0xc8 or 0xc9:
                return TryReadLength(buffer, ref position, marker - 0xc7, out var extLength) && TryReadExtension(buffer, ref position, extLength, out value);
            case 0xca:
                return TryTake(buffer, ref position, 4, out var f32) && Set(BinaryPrimitives.ReadSingleBigEndian(f32), out value);
            case 0xcb:
                return TryTake(buffer, ref position, 8, out var f64) && Set(BinaryPrimitives.ReadDoubleBigEndian(f64), out value);
            case 0xcc:
                return TryTake(buffer, ref position, 1, out var u8) && Set((long)u8[0], out value);
            case 0xcd:
                return TryTake(buffer, ref position, 2, out var u16) && Set((long)BinaryPrimitives.ReadUInt16BigEndian(u16), out value);
            case 0xce:
                return TryTake(buffer, ref position, 4, out var u32) && Set((long)BinaryPrimitives.ReadUInt32BigEndian(u32), out value);
            case 0xcf:
                if (!TryTake(buffer, ref position, 8, out var u64))
                {
                    return false;
                }

                var unsigned = BinaryPrimitives.ReadUInt64BigEndian(u64);
                value = unsigned <= long.MaxValue ? (long)unsigned : unsigned;
                return true;
            case 0xd0:
                return TryTake(buffer, ref position, 1, out var i8) && Set((long)unchecked((sbyte)i8[0]), out value);
            case 0xd1:
                return TryTake(buffer, ref position, 2, out var i16) && Set((long)BinaryPrimitives.ReadInt16BigEndian(i16), out value);
            case 0xd2:
                return TryTake(buffer, ref position, 4, out var i32) && Set((long)BinaryPrimitives.ReadInt32BigEndian(i32), out value);
            case 0xd3:
                return TryTake(buffer, ref position, 8, out var i64) && Set(BinaryPrimitives.ReadInt64BigEndian(i64), out value);
            case >= 0xd4 and <= 0xd8:
                return TryReadExtension(buffer, ref position, 1 << (marker - 0xd4), out value);
            case 0xd9 or 0xda or 0xdb:
                return TryReadLength(buffer, ref position, marker - 0xd9, out var strLength) && TryReadString(buffer, ref position, strLength, out value);
            case 0xdc or 0xdd:
                return TryReadLength(buffer, ref position, marker - 0xdc + 1, out var arrayCount) && TryReadArray(buffer, ref position, arrayCount, depth, out value);
            case 0xde or 0xdf:
                return TryReadLength(buffer, ref position, marker - 0xde + 1, out var mapCount) && TryReadMap(buffer, ref position, mapCount, depth, out value);
            default:
                throw new FormatException($"Invalid MessagePack marker 0x{marker:x2}.");
        }
    }

    /// <summary>A length of 1, 2 or 4 bytes (<paramref name="sizeClass"/> 0, 1, 2).</summary>
    private static bool TryReadLength(ReadOnlySpan<byte> buffer, ref int position, int sizeClass, out int length)
    {
        length = 0;
        if (!TryTake(buffer, ref position, 1 << sizeClass, out var bytes))
        {
            return false;
        }

        var value = sizeClass switch
        {
            0 => bytes[0],
            1 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt32BigEndian(bytes),
        };
        if (value > int.MaxValue)
        {
            throw new FormatException($"MessagePack length {value} is too large.");
        }

        length = (int)value;
        return true;
    }

    private static bool TryReadString(ReadOnlySpan<byte> buffer, ref int position, int length, out object? value)
    {
        value = null;
        if (!TryTake(buffer, ref position, length, out var bytes))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(bytes);
        return true;
    }

    private static bool TryReadBytes(ReadOnlySpan<byte> buffer, ref int position, int length, out object? value)
    {
        value = null;
        if (!TryTake(buffer, ref position, length, out var bytes))
        {
            return false;
        }

        value = bytes.ToArray();
        return true;
    }

    private static bool TryReadExtension(ReadOnlySpan<byte> buffer, ref int position, int length, out object? value)
    {
        value = null;
        if (!TryTake(buffer, ref position, 1, out var type) || !TryTake(buffer, ref position, length, out var data))
        {
            return false;
        }

        value = new MessagePackExtension(unchecked((sbyte)type[0]), data.ToArray());
        return true;
    }

    private static bool TryReadArray(ReadOnlySpan<byte> buffer, ref int position, int count, int depth, out object? value)
    {
        value = null;
        if (count > buffer.Length - position)
        {
            return false; // every element takes at least one byte
        }

        var items = new object?[count];
        for (var i = 0; i < count; i++)
        {
            if (!TryReadValue(buffer, ref position, depth + 1, out items[i]))
            {
                return false;
            }
        }

        value = items;
        return true;
    }

    private static bool TryReadMap(ReadOnlySpan<byte> buffer, ref int position, int count, int depth, out object? value)
    {
        value = null;
        if (count > (buffer.Length - position) / 2)
        {
            return false; // every key and value takes at least one byte
        }

        var map = new Dictionary<object, object?>(count);
        for (var i = 0; i < count; i++)
        {
            if (!TryReadValue(buffer, ref position, depth + 1, out var key) || !TryReadValue(buffer, ref position, depth + 1, out var item))
            {
                return false;
            }

            map[key ?? string.Empty] = item;
        }

        value = map;
        return true;
    }

    private static bool TryTake(ReadOnlySpan<byte> buffer, ref int position, int length, out ReadOnlySpan<byte> bytes)
    {
        if (length > buffer.Length - position)
        {
            bytes = default;
            return false;
        }

        bytes = buffer.Slice(position, length);
        position += length;
        return true;
    }

    private static bool Set(object value, out object? target)
    {
        target = value;
        return true;
    }
}
