using System.Buffers;
using Connectivity.Protocols.Mqtt.Formatting;
using Xunit;
using static Connectivity.Protocols.Mqtt.Tests.Support.MqttCodec;

namespace Connectivity.Protocols.Mqtt.Tests.Formatting;

/// <summary>Framing by the fixed header and Remaining Length (MQTT 5 §2.1.4, §1.5.5).</summary>
public sealed class MqttFrameReaderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("30 80")]
    [InlineData("30 FF FF FF")]
    [InlineData("30 05 00 03 61")]
    [InlineData("30 FF FF FF 7F 00 01")]
    public void TryReadFrame_should_return_false_and_keep_buffer_when_packet_is_incomplete(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Hex(hex));

        Assert.False(MqttFrameReader.TryReadFrame(ref buffer, NoLimit, out _, out _));
        Assert.Equal(Hex(hex), buffer.ToArray());
    }

    /// <summary>MQTT 5 §1.5.5: a Variable Byte Integer has at most 4 bytes; a 4th continuation bit is malformed.</summary>
    [Theory]
    [InlineData("30 FF FF FF FF 7F")]
    [InlineData("30 80 80 80 80 01")]
    [InlineData("30 FF FF FF FF")]
    public void TryReadFrame_should_throw_malformed_packet_when_remaining_length_is_longer_than_4_bytes(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Hex(hex));

        var exception = Assert.Throws<MqttProtocolException>(() => MqttFrameReader.TryReadFrame(ref buffer, NoLimit, out _, out _));

        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, exception.ReasonCode);
    }

    /// <summary>[MQTT-1.5.5-1]: the minimum number of bytes must be used.</summary>
    [Fact]
    public void TryReadFrame_should_throw_malformed_packet_when_remaining_length_is_not_minimal()
    {
        var buffer = new ReadOnlySequence<byte>(Hex("C0 80 00"));

        Assert.Throws<MqttProtocolException>(() => MqttFrameReader.TryReadFrame(ref buffer, NoLimit, out _, out _));
    }

    /// <summary>MQTT 5 §3.1.2.11.4: the limit counts the whole packet and is checked before the body arrives.</summary>
    [Fact]
    public void TryReadFrame_should_throw_packet_too_large_when_declared_size_exceeds_maximum()
    {
        var buffer = new ReadOnlySequence<byte>(Hex("30 E8 07"));

        var exception = Assert.Throws<MqttProtocolException>(() => MqttFrameReader.TryReadFrame(ref buffer, 1000, out _, out _));

        Assert.Equal(MqttDisconnectReasonCode.PacketTooLarge, exception.ReasonCode);
    }

    [Fact]
    public void TryReadFrame_should_accept_packet_when_size_equals_maximum()
    {
        var bytes = Hex("30 07 00 03 61 2F 62 68 69");
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(MqttFrameReader.TryReadFrame(ref buffer, bytes.Length, out _, out _));
        buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Throws<MqttProtocolException>(() => MqttFrameReader.TryReadFrame(ref buffer, bytes.Length - 1, out _, out _));
    }

    [Fact]
    public void TryReadFrame_should_read_consecutive_frames_when_buffer_holds_several_packets()
    {
        var buffer = Segmented(Hex("C0 00 | 40 02 00 07 | 32 09 00 03 61 2F 62 00 0A 68 69 | E0"), 2);

        Assert.True(MqttFrameReader.TryReadFrame(ref buffer, NoLimit, out var first, out var firstBody));
        Assert.True(MqttFrameReader.TryReadFrame(ref buffer, NoLimit, out var second, out var secondBody));
        Assert.True(MqttFrameReader.TryReadFrame(ref buffer, NoLimit, out var third, out var thirdBody));
        Assert.False(MqttFrameReader.TryReadFrame(ref buffer, NoLimit, out _, out _));

        Assert.Equal((0xC0, 0L), (first, firstBody.Length));
        Assert.Equal((0x40, "0007"), (second, Convert.ToHexString(secondBody.ToArray())));
        Assert.Equal((0x32, 9L), (third, thirdBody.Length));
        Assert.Equal(Hex("E0"), buffer.ToArray());
    }

    [Fact]
    public void TryReadFrame_should_read_four_byte_remaining_length_when_packet_is_large()
    {
        var body = new byte[2_097_152];
        var bytes = new byte[5 + body.Length];
        Hex("30 80 80 80 01").CopyTo(bytes, 0);
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(MqttFrameReader.TryReadFrame(ref buffer, NoLimit, out _, out var frame));

        Assert.Equal(body.Length, frame.Length);
    }

    [Fact]
    public void TryReadFrame_should_reject_maximum_packet_size_when_not_positive()
    {
        var buffer = new ReadOnlySequence<byte>(Hex("C0 00"));

        Assert.Throws<ArgumentOutOfRangeException>(() => MqttFrameReader.TryReadFrame(ref buffer, 0, out _, out _));
    }
}
