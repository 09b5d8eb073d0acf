using System.Buffers;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>
/// Splits a byte stream into MQTT Control Packets: fixed header byte, Remaining Length (a
/// Variable Byte Integer of at most 4 bytes, MQTT 5 §2.1.4) and that many body bytes.
/// </summary>
public static class MqttFrameReader
{
    /// <summary>
    /// Reads one packet from the front of <paramref name="buffer"/> and advances it past the packet.
    /// </summary>
    /// <param name="maximumPacketSize">Largest accepted packet in bytes, fixed header included
    /// (MQTT 5 §3.1.2.11.4 counts the whole packet).</param>
    /// <returns>False, leaving <paramref name="buffer"/> untouched, when the packet is incomplete.</returns>
    /// <exception cref="MqttProtocolException">The Remaining Length is longer than 4 bytes
    /// (MalformedPacket) or the packet is larger than <paramref name="maximumPacketSize"/> (PacketTooLarge).</exception>
    public static bool TryReadFrame(
        ref ReadOnlySequence<byte> buffer,
        int maximumPacketSize,
        out byte fixedHeader,
        out ReadOnlySequence<byte> body)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximumPacketSize);
        fixedHeader = 0;
        body = default;

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryRead(out var header))
        {
            return false;
        }

        var remainingLength = 0;
        var lengthBytes = 0;
        while (true)
        {
            if (!reader.TryRead(out var digit))
            {
                return false;
            }

            remainingLength |= (digit & 0x7F) << (7 * lengthBytes);
            lengthBytes++;
            if ((digit & 0x80) == 0)
            {
                if (digit == 0 && lengthBytes > 1)
                {
                    throw MqttProtocolException.Malformed("The Remaining Length is not minimally encoded [MQTT-1.5.5-1].");
                }

                break;
            }

            if (lengthBytes == 4)
            {
                throw MqttProtocolException.Malformed("The Remaining Length is longer than 4 bytes (MQTT 5 §1.5.5, §2.1.4).");
            }
        }

        var packetSize = 1L + lengthBytes + remainingLength;
        if (packetSize > maximumPacketSize)
        {
            throw new MqttProtocolException(
                $"Packet of {packetSize} bytes exceeds the maximum packet size {maximumPacketSize} (MQTT 5 §3.1.2.11.4).",
                MqttDisconnectReasonCode.PacketTooLarge);
        }

        if (buffer.Length < packetSize)
        {
            return false;
        }

        fixedHeader = header;
        body = buffer.Slice(1 + lengthBytes, remainingLength);
        buffer = buffer.Slice(packetSize);
        return true;
    }
}
