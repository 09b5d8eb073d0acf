using System.Buffers;
using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Support;

/// <summary>Encode / frame / decode helpers over in-memory buffers (no sockets).</summary>
public static class MqttCodec
{
    public const int NoLimit = 268_435_460;

    public static byte[] Encode(IMqttPacketFormatter formatter, MqttPacket packet)
    {
        var output = new ArrayBufferWriter<byte>();
        formatter.Encode(packet, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Frames exactly one packet from <paramref name="bytes"/> and decodes it.</summary>
    public static MqttPacket Decode(IMqttPacketFormatter formatter, ReadOnlySequence<byte> bytes, int maximumPacketSize = NoLimit)
    {
        Assert.True(MqttFrameReader.TryReadFrame(ref bytes, maximumPacketSize, out var header, out var body), "incomplete frame");
        Assert.True(bytes.IsEmpty, "bytes left after the frame");
        return formatter.Decode(header, body);
    }

    public static MqttPacket Decode(IMqttPacketFormatter formatter, byte[] bytes) =>
        Decode(formatter, new ReadOnlySequence<byte>(bytes));

    public static MqttPacket RoundTrip(IMqttPacketFormatter formatter, MqttPacket packet) =>
        Decode(formatter, Encode(formatter, packet));

    /// <summary>The bytes as a sequence of segments of <paramref name="segmentSize"/> bytes each.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentSize)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(bytes.AsMemory(0, Math.Min(segmentSize, bytes.Length)), 0);
        var last = first;
        for (var offset = segmentSize; offset < bytes.Length; offset += segmentSize)
        {
            last = last.Append(bytes.AsMemory(offset, Math.Min(segmentSize, bytes.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Parses "10 1C 00 04" style hex (spaces and '|' ignored).</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal).Replace("|", "", StringComparison.Ordinal));

    public static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static MqttProtocolException DecodeFails(IMqttPacketFormatter formatter, string hex) =>
        Assert.Throws<MqttProtocolException>(() => Decode(formatter, Hex(hex)));

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
