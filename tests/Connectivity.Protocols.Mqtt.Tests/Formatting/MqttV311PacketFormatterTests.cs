using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;
using Connectivity.Protocols.Mqtt.Tests.Support;
using Xunit;
using static Connectivity.Protocols.Mqtt.Tests.Support.MqttCodec;

namespace Connectivity.Protocols.Mqtt.Tests.Formatting;

/// <summary>MQTT 3.1.1 round trips and byte sequences written out from the OASIS spec.</summary>
public sealed class MqttV311PacketFormatterTests
{
    private static readonly IMqttPacketFormatter Formatter = MqttPacketFormatter.For(MqttProtocolVersion.V311);

    [Theory]
    [MemberData(nameof(SamplePackets.V311Names), MemberType = typeof(SamplePackets))]
    public void Formatter_should_round_trip_packet_when_encoded_framed_and_decoded(string name)
    {
        var packet = SamplePackets.V311[name];

        PacketAssert.Equal(packet, RoundTrip(Formatter, packet));
    }

    [Theory]
    [MemberData(nameof(SamplePackets.V311Names), MemberType = typeof(SamplePackets))]
    public void Formatter_should_round_trip_packet_when_bytes_arrive_in_small_segments(string name)
    {
        var packet = SamplePackets.V311[name];

        PacketAssert.Equal(packet, Decode(Formatter, Segmented(Encode(Formatter, packet), 3)));
    }

    /// <summary>
    /// MQTT 3.1.1 §3.1.2.10 (Figure 3.6, variable header example: level 4, flags 0xCE = user name,
    /// password, Will QoS 1, Will Flag, Clean Session; Keep Alive 10) with a payload in §3.1.3 order.
    /// </summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_connect_has_will_username_and_password() => AssertBytes(
        new ConnectPacket
        {
            ClientId = "cid",
            CleanSession = true,
            KeepAlive = 10,
            Will = new MqttWill("w", Utf8("hi"), MqttQos.AtLeastOnce),
            Username = "u",
            Password = Utf8("p"),
        },
        "10 1C | 00 04 4D 51 54 54 | 04 | CE | 00 0A | 00 03 63 69 64 | 00 01 77 | 00 02 68 69 | 00 01 75 | 00 01 70");

    /// <summary>MQTT 3.1.1 §3.3.2.3 (Figure 3.11): Topic Name "a/b", Packet Identifier 10.</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_publish_is_qos1() => AssertBytes(
        new PublishPacket { Topic = "a/b", Qos = MqttQos.AtLeastOnce, PacketIdentifier = 10, Payload = Utf8("hi") },
        "32 09 | 00 03 61 2F 62 | 00 0A | 68 69");

    /// <summary>MQTT 3.1.1 §3.3.1: a QoS 0 PUBLISH has no Packet Identifier.</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_publish_is_qos0() => AssertBytes(
        new PublishPacket { Topic = "a/b", Payload = Utf8("hi") },
        "30 07 | 00 03 61 2F 62 | 68 69");

    /// <summary>MQTT 3.1.1 §3.3.1.1-3: DUP bit 3, QoS 2 in bits 2-1, RETAIN bit 0 = 0x3D.</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_publish_is_qos2_dup_retained() => AssertBytes(
        new PublishPacket { Topic = "a/b", Qos = MqttQos.ExactlyOnce, PacketIdentifier = 10, Dup = true, Retain = true },
        "3D 07 | 00 03 61 2F 62 | 00 0A");

    /// <summary>MQTT 3.1.1 §3.8.3 (Figure 3.22): "a/b" QoS 1, "c/d" QoS 2, Packet Identifier 10; flags 0b0010.</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_subscribing_two_filters() => AssertBytes(
        new SubscribePacket { PacketIdentifier = 10, TopicFilters = [new("a/b", MqttQos.AtLeastOnce), new("c/d", MqttQos.ExactlyOnce)] },
        "82 0E | 00 0A | 00 03 61 2F 62 01 | 00 03 63 2F 64 02");

    /// <summary>MQTT 3.1.1 §3.9.3 (Figure 3.26): Success QoS 0, Success QoS 2, Failure 0x80.</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_suback_has_success_and_failure() => AssertBytes(
        new SubAckPacket
        {
            PacketIdentifier = 10,
            ReasonCodes = [MqttSubscribeReasonCode.GrantedQoS0, MqttSubscribeReasonCode.GrantedQoS2, MqttSubscribeReasonCode.UnspecifiedError],
        },
        "90 05 | 00 0A | 00 02 80");

    /// <summary>MQTT 3.1.1 §3.10.3 (Figure 3.28): "a/b", "c/d"; flags 0b0010.</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_unsubscribing_two_filters() => AssertBytes(
        new UnsubscribePacket { PacketIdentifier = 10, TopicFilters = ["a/b", "c/d"] },
        "A2 0C | 00 0A | 00 03 61 2F 62 | 00 03 63 2F 64");

    /// <summary>MQTT 3.1.1 §3.4-§3.7, §3.11-§3.14: the fixed-size packets, PUBREL with flags 0b0010.</summary>
    [Theory]
    [InlineData("puback", "40 02 00 01")]
    [InlineData("pubrec", "50 02 00 02")]
    [InlineData("pubrel", "62 02 00 03")]
    [InlineData("pubcomp", "70 02 FF FF")]
    [InlineData("unsuback", "B0 02 00 0B")]
    [InlineData("pingreq", "C0 00")]
    [InlineData("pingresp", "D0 00")]
    [InlineData("disconnect", "E0 00")]
    public void Formatter_should_match_spec_bytes_when_packet_has_a_fixed_size(string name, string hex) =>
        AssertBytes(SamplePackets.V311[name], hex);

    /// <summary>MQTT 3.1.1 §3.2.2.3 Table 3.1 return codes and their MQTT 5 equivalents.</summary>
    [Theory]
    [InlineData(0x00, MqttConnectReasonCode.Success)]
    [InlineData(0x01, MqttConnectReasonCode.UnsupportedProtocolVersion)]
    [InlineData(0x02, MqttConnectReasonCode.ClientIdentifierNotValid)]
    [InlineData(0x03, MqttConnectReasonCode.ServerUnavailable)]
    [InlineData(0x04, MqttConnectReasonCode.BadUserNameOrPassword)]
    [InlineData(0x05, MqttConnectReasonCode.NotAuthorized)]
    public void Formatter_should_map_connack_return_code_when_encoding_and_decoding(byte returnCode, MqttConnectReasonCode reasonCode) =>
        AssertBytes(new ConnAckPacket { ReasonCode = reasonCode }, $"20 02 00 {returnCode:X2}");

    [Theory]
    [InlineData(MqttConnectReasonCode.Banned, 0x05)]
    [InlineData(MqttConnectReasonCode.BadAuthenticationMethod, 0x04)]
    [InlineData(MqttConnectReasonCode.ServerBusy, 0x03)]
    [InlineData(MqttConnectReasonCode.UnspecifiedError, 0x03)]
    public void Formatter_should_write_nearest_return_code_when_reason_code_is_mqtt5_only(MqttConnectReasonCode reasonCode, byte returnCode) =>
        Assert.Equal(Hex($"20 02 00 {returnCode:X2}"), Encode(Formatter, new ConnAckPacket { ReasonCode = reasonCode }));

    /// <summary>MQTT 3.1.1 §3.2.2.2: Session Present is bit 0 of the Connect Acknowledge Flags.</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_connack_has_session_present() =>
        AssertBytes(new ConnAckPacket { SessionPresent = true }, "20 02 01 00");

    [Fact]
    public void Formatter_should_ignore_mqtt5_fields_when_encoding_publish()
    {
        var plain = new PublishPacket { Topic = "t", Payload = Utf8("p"), Qos = MqttQos.AtLeastOnce, PacketIdentifier = 5 };
        var rich = plain with { ContentType = "text/plain", UserProperties = [new("a", "b")], MessageExpiryInterval = 5, SubscriptionIdentifiers = [3] };

        Assert.Equal(Encode(Formatter, plain), Encode(Formatter, rich));
    }

    [Fact]
    public void Formatter_should_drop_mqtt5_reason_codes_when_encoding_acks()
    {
        Assert.Equal(Hex("40 02 00 01"), Encode(Formatter, new PubAckPacket { PacketIdentifier = 1, ReasonCode = MqttPubAckReasonCode.QuotaExceeded, ReasonString = "x" }));
        Assert.Equal(Hex("E0 00"), Encode(Formatter, new DisconnectPacket { ReasonCode = MqttDisconnectReasonCode.ServerShuttingDown }));
        Assert.Equal(Hex("90 03 00 01 80"), Encode(Formatter, new SubAckPacket { PacketIdentifier = 1, ReasonCodes = [MqttSubscribeReasonCode.NotAuthorized] }));
    }

    private static void AssertBytes(MqttPacket packet, string hex)
    {
        Assert.Equal(Convert.ToHexString(Hex(hex)), Convert.ToHexString(Encode(Formatter, packet)));
        PacketAssert.Equal(packet, Decode(Formatter, Hex(hex)));
    }
}
