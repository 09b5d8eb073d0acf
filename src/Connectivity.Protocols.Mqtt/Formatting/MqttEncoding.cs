using System.Text;
using System.Text.Unicode;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>Sizes and validity rules of the MQTT data representations (MQTT 5 §1.5).</summary>
internal static class MqttEncoding
{
    /// <summary>Largest value of a Variable Byte Integer (MQTT 5 §1.5.5).</summary>
    public const int MaxVariableByteInteger = 268_435_455;

    /// <summary>Largest UTF-8 string or binary data field: a two byte length prefix (MQTT 5 §1.5.4, §1.5.6).</summary>
    public const int MaxFieldLength = ushort.MaxValue;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static int VariableByteIntegerSize(int value) => value switch
    {
        < 0 or > MaxVariableByteInteger => throw new MqttProtocolException(
            $"Value {value} does not fit a Variable Byte Integer (MQTT 5 §1.5.5).", MqttDisconnectReasonCode.PacketTooLarge),
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };

    /// <summary>
    /// Encoded size of a UTF-8 Encoded String including its length prefix; rejects what the spec
    /// forbids: U+0000 [MQTT-1.5.4-2], ill-formed UTF-16 (lone surrogates) [MQTT-1.5.4-1] and more
    /// than 65535 bytes.
    /// </summary>
    public static int StringSize(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw MqttProtocolException.Malformed("A UTF-8 Encoded String must not contain U+0000 (MQTT 5 §1.5.4).");
        }

        // Fast path: ASCII has one byte per char and no surrogates.
        if (Ascii.IsValid(value))
        {
            return value.Length <= MaxFieldLength
                ? 2 + value.Length
                : throw MqttProtocolException.Malformed($"A UTF-8 Encoded String is {value.Length} bytes, more than 65535 (MQTT 5 §1.5.4).");
        }

        int length;
        try
        {
            length = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException exception)
        {
            throw new MqttProtocolException("A UTF-8 Encoded String must be well-formed UTF-8 (MQTT 5 §1.5.4).", exception);
        }

        if (length > MaxFieldLength)
        {
            throw MqttProtocolException.Malformed($"A UTF-8 Encoded String is {length} bytes, more than 65535 (MQTT 5 §1.5.4).");
        }

        return 2 + length;
    }

    /// <summary>Encoded size of Binary Data including its length prefix (MQTT 5 §1.5.6).</summary>
    public static int BinarySize(int length) => length <= MaxFieldLength
        ? 2 + length
        : throw MqttProtocolException.Malformed($"Binary Data is {length} bytes, more than 65535 (MQTT 5 §1.5.6).");

    /// <summary>Decodes a UTF-8 Encoded String's bytes, enforcing MQTT 5 §1.5.4 / MQTT 3.1.1 §1.5.3.</summary>
    public static string DecodeString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "";
        }

        // Well-formed UTF-8 excludes overlong forms and surrogates, so a 0x00 byte is the only way
        // to carry U+0000.
        if (!Utf8.IsValid(bytes))
        {
            throw MqttProtocolException.Malformed("A UTF-8 Encoded String is not well-formed UTF-8 [MQTT-1.5.4-1].");
        }

        if (bytes.Contains((byte)0))
        {
            throw MqttProtocolException.Malformed("A UTF-8 Encoded String contains U+0000 [MQTT-1.5.4-2].");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Writes the UTF-8 bytes of an already validated string; returns the byte count.</summary>
    public static int EncodeString(string value, Span<byte> destination) => Encoding.UTF8.GetBytes(value, destination);
}
