using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;
using Xunit;
using static Connectivity.Protocols.Mqtt.Tests.Support.MqttCodec;

namespace Connectivity.Protocols.Mqtt.Tests.Formatting;

/// <summary>MQTT 5 input the decoder must reject (with the right reason code), and packets the encoder cannot write.</summary>
public sealed class MqttV500MalformedPacketTests
{
    private static readonly IMqttPacketFormatter Formatter = MqttV500PacketFormatter.Instance;

    /// <summary>MQTT 5 §2.2.2.2: only User Property (and Subscription Identifier in PUBLISH) may repeat.</summary>
    [Theory]
    [InlineData("30 08 00 01 74 04 01 01 01 01")]
    [InlineData("30 0E 00 01 74 0A 02 00 00 00 01 02 00 00 00 02")]
    [InlineData("20 09 00 00 06 21 00 01 21 00 02")]
    [InlineData("E0 0A 80 08 1F 00 01 61 1F 00 01 62")]
    [InlineData("82 0B 00 01 04 0B 01 0B 02 00 01 61 00")]
    public void Decode_should_reject_packet_when_a_property_is_repeated(string hex) =>
        Assert.Equal(MqttDisconnectReasonCode.ProtocolError, DecodeFails(Formatter, hex).ReasonCode);

    /// <summary>MQTT 5 §2.2.2.2: an identifier unknown or not valid for the packet type is a Malformed Packet.</summary>
    [Theory]
    [InlineData("30 06 00 01 74 02 04 00")]
    [InlineData("30 06 00 01 74 02 7F 00")]
    [InlineData("30 09 00 01 74 05 11 00 00 00 01")]
    [InlineData("40 06 00 01 00 02 24 01")]
    [InlineData("20 05 00 00 02 01 01")]
    [InlineData("E0 04 00 02 12 00")]
    public void Decode_should_reject_packet_when_property_identifier_is_unknown_or_not_allowed(string hex) =>
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, DecodeFails(Formatter, hex).ReasonCode);

    [Theory]
    [InlineData("30 04 00 01 74 05")]
    [InlineData("30 06 00 01 74 02 02 00")]
    [InlineData("30 05 00 01 74 80 00")]
    [InlineData("30 06 00 01 74 02 26 00")]
    [InlineData("20 02 00 00")]
    [InlineData("90 04 00 01 05 00")]
    public void Decode_should_reject_packet_when_property_list_is_truncated_or_malformed(string hex) =>
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, DecodeFails(Formatter, hex).ReasonCode);

    /// <summary>MQTT 5 §3: zero where the spec forbids it, byte properties other than 0/1, Maximum QoS 2.</summary>
    [Theory]
    [InlineData("30 07 00 01 74 03 23 00 00")]
    [InlineData("30 06 00 01 74 02 0B 00")]
    [InlineData("30 06 00 01 74 02 01 02")]
    [InlineData("20 06 00 00 03 21 00 00")]
    [InlineData("20 05 00 00 02 24 02")]
    [InlineData("20 05 00 00 02 25 02")]
    [InlineData("20 08 00 00 05 27 00 00 00 00")]
    [InlineData("30 03 00 00 00")]
    [InlineData("F0 06 18 04 16 00 01 01")]
    public void Decode_should_reject_packet_when_property_value_breaks_the_rules(string hex) =>
        Assert.Equal(MqttDisconnectReasonCode.ProtocolError, DecodeFails(Formatter, hex).ReasonCode);

    /// <summary>MQTT 5 §2.4: a Reason Code must be one listed for the packet (e.g. [MQTT-3.4.2-1]).</summary>
    [Theory]
    [InlineData("40 03 00 01 05")]
    [InlineData("62 03 00 01 10")]
    [InlineData("E0 01 05")]
    [InlineData("20 03 00 01 00")]
    [InlineData("90 04 00 01 00 03")]
    [InlineData("B0 04 00 01 00 02")]
    [InlineData("F0 02 01 00")]
    public void Decode_should_reject_packet_when_reason_code_is_not_defined(string hex) =>
        Assert.Equal(MqttDisconnectReasonCode.ProtocolError, DecodeFails(Formatter, hex).ReasonCode);

    /// <summary>MQTT 5 §3.8.3.1: bits 7-6 reserved (malformed); QoS 3 and Retain Handling 3 are protocol errors.</summary>
    [Theory]
    [InlineData("82 07 00 01 00 00 01 61 40", MqttDisconnectReasonCode.MalformedPacket)]
    [InlineData("82 07 00 01 00 00 01 61 30", MqttDisconnectReasonCode.ProtocolError)]
    [InlineData("82 07 00 01 00 00 01 61 03", MqttDisconnectReasonCode.ProtocolError)]
    [InlineData("82 03 00 01 00", MqttDisconnectReasonCode.ProtocolError)]
    public void Decode_should_reject_subscribe_when_options_are_invalid(string hex, MqttDisconnectReasonCode reasonCode) =>
        Assert.Equal(reasonCode, DecodeFails(Formatter, hex).ReasonCode);

    [Theory]
    [InlineData("36 04 00 01 74 00")]
    [InlineData("38 04 00 01 74 00")]
    [InlineData("C0 01 00")]
    [InlineData("42 02 00 01")]
    [InlineData("32 06 00 01 74 00 00 00")]
    [InlineData("40 02 00 00")]
    [InlineData("10 0D 00 04 4D 51 54 54 05 1E 00 0A 00 00 00")]
    [InlineData("10 0D 00 04 4D 51 54 54 05 03 00 0A 00 00 00")]
    [InlineData("20 03 02 00 00")]
    public void Decode_should_reject_packet_when_fixed_header_or_flags_are_malformed(string hex) =>
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, DecodeFails(Formatter, hex).ReasonCode);

    [Theory]
    [InlineData("30 0B 00 01 74 07 26 00 02 C3 28 00 00")]
    [InlineData("E0 06 80 04 1F 00 01 FF")]
    [InlineData("30 05 00 02 61 00 00")]
    [InlineData("20 07 00 00 04 12 00 01 00")]
    public void Decode_should_reject_string_when_utf8_is_invalid(string hex) =>
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, DecodeFails(Formatter, hex).ReasonCode);

    [Fact]
    public void Decode_should_reject_topic_name_when_it_has_a_wildcard() =>
        Assert.Equal(MqttDisconnectReasonCode.TopicNameInvalid, DecodeFails(Formatter, "30 06 00 03 61 2F 23 00").ReasonCode);

    [Fact]
    public void Decode_should_reject_connect_when_protocol_level_is_not_5() =>
        DecodeFails(Formatter, "10 0D 00 04 4D 51 54 54 04 02 00 0A 00 00 00");

    [Fact]
    public void Encode_should_reject_packet_when_a_value_cannot_be_sent()
    {
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PublishPacket { Topic = "t", TopicAlias = 0 }));
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PublishPacket { Topic = "" }));
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PublishPacket { Topic = "t", SubscriptionIdentifiers = [0] }));
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PublishPacket { Topic = "t", UserProperties = [new("a\0", "b")] }));
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PublishPacket { Topic = "t", ResponseTopic = "r/#" }));
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new ConnectPacket { ReceiveMaximum = 0 }));
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new ConnectPacket { AuthenticationData = new byte[] { 1 } }));
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new SubscribePacket
        {
            PacketIdentifier = 1, TopicFilters = [new("a", MqttQos.AtMostOnce, RetainHandling: 3)],
        }));
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new SubscribePacket { PacketIdentifier = 1 }));
        Assert.Throws<MqttProtocolException>(() => Encode(Formatter, new PubRecPacket { ReasonCode = MqttPubRecReasonCode.Success }));
    }

    [Fact]
    public void Encode_should_write_nothing_when_packet_is_rejected()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        Assert.Throws<MqttProtocolException>(() => Formatter.Encode(new PublishPacket { Topic = "t", UserProperties = [new("b" + (char)0xDC00, "b")] }, output));

        Assert.Equal(0, output.WrittenCount);
    }
}
