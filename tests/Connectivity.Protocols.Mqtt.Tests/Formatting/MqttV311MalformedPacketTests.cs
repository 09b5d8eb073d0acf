using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;
using Xunit;
using static Connectivity.Protocols.Mqtt.Tests.Support.MqttCodec;

namespace Connectivity.Protocols.Mqtt.Tests.Formatting;

/// <summary>MQTT 3.1.1 input the decoder must reject, and packets the encoder cannot write.</summary>
public sealed class MqttV311MalformedPacketTests
{
    private static readonly IMqttPacketFormatter Formatter = MqttV311PacketFormatter.Instance;

    /// <summary>MQTT 3.1.1 §2.2.2: reserved flag bits must have the listed value [MQTT-2.2.2-2].</summary>
    [Theory]
    [InlineData("41 02 00 01")]
    [InlineData("60 02 00 01")]
    [InlineData("80 06 00 01 00 01 61 00")]
    [InlineData("A0 05 00 01 00 01 61")]
    [InlineData("C1 00")]
    [InlineData("E8 00")]
    [InlineData("22 02 00 00")]
    public void Decode_should_reject_packet_when_reserved_flag_bits_are_wrong(string hex) =>
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, DecodeFails(Formatter, hex).ReasonCode);

    /// <summary>MQTT 3.1.1 §2.2.1: packet types 0 and 15 are reserved.</summary>
    [Theory]
    [InlineData("00 00")]
    [InlineData("F0 00")]
    public void Decode_should_reject_packet_when_packet_type_is_reserved(string hex) => DecodeFails(Formatter, hex);

    /// <summary>[MQTT-3.3.1-4]: a PUBLISH with both QoS bits set.</summary>
    [Fact]
    public void Decode_should_reject_publish_when_qos_is_3() =>
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, DecodeFails(Formatter, "36 07 00 03 61 2F 62 00 01").ReasonCode);

    /// <summary>[MQTT-3.3.1-2]: DUP must be 0 for QoS 0.</summary>
    [Fact]
    public void Decode_should_reject_publish_when_qos0_has_dup() => DecodeFails(Formatter, "38 05 00 03 61 2F 62");

    /// <summary>[MQTT-2.3.1-1]: packets that need a Packet Identifier need a non-zero one.</summary>
    [Theory]
    [InlineData("32 07 00 03 61 2F 62 00 00")]
    [InlineData("40 02 00 00")]
    [InlineData("62 02 00 00")]
    [InlineData("82 06 00 00 00 01 61 00")]
    [InlineData("90 03 00 00 00")]
    [InlineData("A2 05 00 00 00 01 61")]
    [InlineData("B0 02 00 00")]
    public void Decode_should_reject_packet_when_packet_identifier_is_zero(string hex) => DecodeFails(Formatter, hex);

    [Theory]
    [InlineData("32 04 00 03 61 2F")]
    [InlineData("30 02 00 05")]
    [InlineData("40 01 00")]
    [InlineData("20 01 00")]
    [InlineData("10 06 00 04 4D 51 54 54")]
    [InlineData("10 0C 00 04 4D 51 54 54 04 02 00 0A 00 05")]
    [InlineData("82 05 00 01 00 01 61")]
    public void Decode_should_reject_packet_when_a_field_is_truncated(string hex) =>
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, DecodeFails(Formatter, hex).ReasonCode);

    [Theory]
    [InlineData("40 03 00 01 00")]
    [InlineData("C0 01 00")]
    [InlineData("E0 01 00")]
    [InlineData("20 03 00 00 00")]
    public void Decode_should_reject_packet_when_bytes_trail_the_last_field(string hex) => DecodeFails(Formatter, hex);

    /// <summary>MQTT 3.1.1 §1.5.3: well-formed UTF-8 without U+0000 [MQTT-1.5.3-1, MQTT-1.5.3-2].</summary>
    [Theory]
    [InlineData("30 04 00 02 C3 28")]
    [InlineData("30 05 00 03 ED A0 80")]
    [InlineData("30 04 00 02 C0 80")]
    [InlineData("30 05 00 03 61 00 62")]
    [InlineData("30 03 00 01 FF")]
    public void Decode_should_reject_topic_when_utf8_is_invalid(string hex) =>
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, DecodeFails(Formatter, hex).ReasonCode);

    /// <summary>[MQTT-3.3.2-2]: no wildcards in a Topic Name; [MQTT-4.7.3-1]: not empty.</summary>
    [Theory]
    [InlineData("30 05 00 03 61 2F 2B")]
    [InlineData("30 03 00 01 23")]
    [InlineData("30 02 00 00")]
    public void Decode_should_reject_publish_when_topic_name_is_invalid(string hex) => DecodeFails(Formatter, hex);

    /// <summary>MQTT 3.1.1 §3.1.2: protocol name, level, reserved flag, Will and password flag rules.</summary>
    [Theory]
    [InlineData("10 0C 00 04 4D 51 54 58 04 02 00 0A 00 00")]
    [InlineData("10 0C 00 04 4D 51 54 54 05 02 00 0A 00 00")]
    [InlineData("10 0C 00 04 4D 51 54 54 04 03 00 0A 00 00")]
    [InlineData("10 0C 00 04 4D 51 54 54 04 1E 00 0A 00 00")]
    [InlineData("10 0C 00 04 4D 51 54 54 04 0A 00 0A 00 00")]
    [InlineData("10 0C 00 04 4D 51 54 54 04 22 00 0A 00 00")]
    [InlineData("10 0F 00 04 4D 51 54 54 04 42 00 0A 00 00 00 01 70")]
    public void Decode_should_reject_connect_when_variable_header_breaks_the_rules(string hex) => DecodeFails(Formatter, hex);

    [Theory]
    [InlineData("20 02 00 06")]
    [InlineData("20 02 02 00")]
    [InlineData("90 03 00 01 03")]
    [InlineData("90 03 00 01 87")]
    [InlineData("82 06 00 01 00 01 61 03")]
    [InlineData("82 06 00 01 00 01 61 04")]
    [InlineData("82 02 00 01")]
    [InlineData("A2 02 00 01")]
    [InlineData("90 02 00 01")]
    public void Decode_should_reject_acknowledgement_when_a_code_or_list_is_invalid(string hex) => DecodeFails(Formatter, hex);

    [Fact]
    public void Encode_should_reject_auth_when_version_is_311() =>
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new AuthPacket()));

    [Fact]
    public void Encode_should_reject_password_when_username_is_missing() =>
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new ConnectPacket { ClientId = "c", Password = new byte[] { 1 } }));

    [Theory]
    [InlineData("a\0b")]
    [InlineData("")]
    public void Encode_should_reject_topic_when_it_cannot_be_a_valid_utf8_topic_name(string topic) =>
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PublishPacket { Topic = topic }));

    /// <summary>A lone surrogate has no UTF-8 form [MQTT-1.5.4-1] (a Fact: xunit would replace it when serializing InlineData).</summary>
    [Fact]
    public void Encode_should_reject_topic_when_it_has_a_lone_surrogate() =>
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PublishPacket { Topic = "a" + (char)0xD800 }));

    [Fact]
    public void Encode_should_reject_packet_when_packet_identifier_is_zero()
    {
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PublishPacket { Topic = "t", Qos = MqttQos.AtLeastOnce }));
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PubAckPacket()));
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new SubscribePacket { TopicFilters = [new("a", MqttQos.AtMostOnce)] }));
    }

    [Fact]
    public void Encode_should_reject_publish_when_qos_is_3() =>
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PublishPacket { Topic = "t", Qos = (MqttQos)3, PacketIdentifier = 1 }));

    [Fact]
    public void Encode_should_reject_string_when_longer_than_65535_bytes() =>
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PublishPacket { Topic = new string('a', 65_536) }));

    [Fact]
    public void Decode_should_read_contiguous_copy_when_body_spans_segments()
    {
        var bytes = Hex("32 09 00 03 61 2F 62 00 0A 68 69");
        var sequence = Segmented(bytes, 1);
        Assert.True(MqttFrameReader.TryReadFrame(ref sequence, 1024, out var header, out var body));

        var packet = Assert.IsType<PublishPacket>(Formatter.Decode(header, body));

        Assert.Equal("a/b", packet.Topic);
        Assert.Equal("hi"u8.ToArray(), packet.Payload.ToArray());
        Assert.False(body.IsSingleSegment);
        Assert.True(sequence.IsEmpty);
    }
}
