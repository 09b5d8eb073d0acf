using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;
using Connectivity.Protocols.Mqtt.Tests.Support;
using Xunit;
using static Connectivity.Protocols.Mqtt.Tests.Support.MqttCodec;

namespace Connectivity.Protocols.Mqtt.Tests.Formatting;

/// <summary>MQTT 5 round trips (every property at least once) and byte sequences from the OASIS spec.</summary>
public sealed class MqttV500PacketFormatterTests
{
    private static readonly IMqttPacketFormatter Formatter = MqttPacketFormatter.For(MqttProtocolVersion.V500);

    [Theory]
    [MemberData(nameof(SamplePackets.V500Names), MemberType = typeof(SamplePackets))]
    public void Formatter_should_round_trip_packet_when_encoded_framed_and_decoded(string name)
    {
        var packet = SamplePackets.V500[name];

        PacketAssert.Equal(packet, RoundTrip(Formatter, packet));
    }

    [Theory]
    [MemberData(nameof(SamplePackets.V500Names), MemberType = typeof(SamplePackets))]
    public void Formatter_should_round_trip_packet_when_bytes_arrive_in_small_segments(string name)
    {
        var packet = SamplePackets.V500[name];

        PacketAssert.Equal(packet, Decode(Formatter, Segmented(Encode(Formatter, packet), 5)));
    }

    /// <summary>
    /// MQTT 5 §3.1.2.12 (variable header example: level 5, flags 0xCE, Keep Alive 10, Property
    /// Length 5, Session Expiry Interval 10) followed by a §3.1.3 payload with empty Will Properties.
    /// </summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_connect_has_session_expiry_and_will() => AssertBytes(
        new ConnectPacket
        {
            ClientId = "cid",
            KeepAlive = 10,
            SessionExpiryInterval = 10,
            Will = new MqttWill("w", Utf8("hi"), MqttQos.AtLeastOnce),
            Username = "u",
            Password = Utf8("p"),
        },
        "10 23 | 00 04 4D 51 54 54 | 05 | CE | 00 0A | 05 11 00 00 00 0A | 00 03 63 69 64 | 00 | 00 01 77 | 00 02 68 69 | 00 01 75 | 00 01 70");

    /// <summary>MQTT 5 §3.3.2.3: an empty property list is one zero byte after the Topic Name.</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_publish_is_qos0_without_properties() => AssertBytes(
        new PublishPacket { Topic = "a/b", Payload = Utf8("hi") },
        "30 08 | 00 03 61 2F 62 | 00 | 68 69");

    /// <summary>
    /// MQTT 5 §3.3.2.3.2-9 with identifiers from §2.2.2.2: Payload Format Indicator 0x01, Message
    /// Expiry 0x02, Content Type 0x03, Response Topic 0x08, Correlation Data 0x09, User Property
    /// 0x26, Topic Alias 0x23, Subscription Identifier 0x0B.
    /// </summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_publish_is_qos1_with_properties() => AssertBytes(
        PublishWithProperties,
        "32 2D | 00 03 61 2F 62 | 00 0A | 23 | 01 01 | 02 00 00 00 3C | 03 00 04 74 65 78 74 | 08 00 01 72 | 09 00 02 CA FE"
        + " | 26 00 01 6B 00 01 76 | 23 00 05 | 0B 07 | 68 69");

    /// <summary>MQTT 5 §2.2.2: properties may come in any order.</summary>
    [Fact]
    public void Decode_should_read_properties_when_they_come_in_another_order() => PacketAssert.Equal(
        PublishWithProperties,
        Decode(Formatter, Hex(
            "32 2D | 00 03 61 2F 62 | 00 0A | 23 | 0B 07 | 23 00 05 | 26 00 01 6B 00 01 76 | 09 00 02 CA FE | 08 00 01 72"
            + " | 03 00 04 74 65 78 74 | 02 00 00 00 3C | 01 01 | 68 69")));

    /// <summary>MQTT 5 §3.8.3.1: options 0x2D = QoS 1, No Local, Retain As Published, Retain Handling 2; §3.8.2.1.2 Subscription Identifier.</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_subscribe_has_options() => AssertBytes(
        new SubscribePacket
        {
            PacketIdentifier = 10,
            SubscriptionIdentifier = 5,
            TopicFilters = [new("a/b", MqttQos.AtLeastOnce, NoLocal: true, RetainAsPublished: true, RetainHandling: 2)],
        },
        "82 0B | 00 0A | 02 0B 05 | 00 03 61 2F 62 2D");

    [Theory]
    [InlineData("90 06 00 0A 00 00 02 80", "suback")]
    [InlineData("B0 04 00 0B 00 11", "unsuback")]
    public void Formatter_should_match_spec_bytes_when_acknowledging_subscriptions(string hex, string kind)
    {
        MqttPacket packet = kind == "suback"
            ? new SubAckPacket
            {
                PacketIdentifier = 10,
                ReasonCodes = [MqttSubscribeReasonCode.GrantedQoS0, MqttSubscribeReasonCode.GrantedQoS2, MqttSubscribeReasonCode.UnspecifiedError],
            }
            : new UnsubAckPacket { PacketIdentifier = 11, ReasonCodes = [MqttUnsubscribeReasonCode.NoSubscriptionExisted] };
        AssertBytes(packet, hex);
    }

    /// <summary>MQTT 5 §3.2.2: Acknowledge Flags, Connect Reason Code, Property Length.</summary>
    [Theory]
    [InlineData("20 03 00 00 00", MqttConnectReasonCode.Success)]
    [InlineData("20 03 00 86 00", MqttConnectReasonCode.BadUserNameOrPassword)]
    [InlineData("20 03 00 87 00", MqttConnectReasonCode.NotAuthorized)]
    [InlineData("20 03 00 84 00", MqttConnectReasonCode.UnsupportedProtocolVersion)]
    [InlineData("20 03 00 9F 00", MqttConnectReasonCode.ConnectionRateExceeded)]
    public void Formatter_should_match_spec_bytes_when_connack_has_reason_code(string hex, MqttConnectReasonCode reasonCode) =>
        AssertBytes(new ConnAckPacket { ReasonCode = reasonCode }, hex);

    /// <summary>MQTT 5 §3.2.2.3.3-5: Receive Maximum 0x21, Maximum QoS 0x24, Retain Available 0x25.</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_connack_limits_the_client() => AssertBytes(
        new ConnAckPacket { SessionPresent = true, ReceiveMaximum = 10, MaximumQos = MqttQos.AtLeastOnce, RetainAvailable = false },
        "20 0A | 01 00 | 07 21 00 0A 24 01 25 00");

    /// <summary>MQTT 5 §3.14.2: Reason Code 0x8B Server shutting down, Reason String 0x1F "bye!".</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_disconnect_has_reason_code_and_reason_string() => AssertBytes(
        new DisconnectPacket { ReasonCode = MqttDisconnectReasonCode.ServerShuttingDown, ReasonString = "bye!" },
        "E0 09 | 8B | 07 1F 00 04 62 79 65 21");

    /// <summary>MQTT 5 §3.14.2.1, §3.4.2.1, §3.15.2.1: the short forms that omit Reason Code and/or Property Length.</summary>
    [Theory]
    [InlineData("E0 00", "disconnect")]
    [InlineData("E0 01 04", "disconnect-reason-code-only")]
    [InlineData("40 02 00 01", "puback")]
    [InlineData("40 03 00 01 10", "puback-reason-code-only")]
    [InlineData("62 02 00 03", "pubrel")]
    [InlineData("F0 00", "auth-success")]
    [InlineData("F0 02 19 00", "auth-reauthenticate-no-properties")]
    [InlineData("C0 00", "pingreq")]
    [InlineData("D0 00", "pingresp")]
    public void Formatter_should_match_spec_bytes_when_packet_uses_a_short_form(string hex, string name) =>
        AssertBytes(SamplePackets.V500[name], hex);

    [Theory]
    [InlineData("40 04 00 01 10 00")]
    [InlineData("40 03 00 01 10")]
    public void Decode_should_accept_ack_when_property_length_is_present_or_omitted(string hex) =>
        PacketAssert.Equal(SamplePackets.V500["puback-reason-code-only"], Decode(Formatter, Hex(hex)));

    [Fact]
    public void Decode_should_accept_disconnect_when_only_property_length_is_zero() =>
        PacketAssert.Equal(new DisconnectPacket(), Decode(Formatter, Hex("E0 02 00 00")));

    /// <summary>MQTT 5 §3.15.2: Authentication Method 0x15, Authentication Data 0x16.</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_auth_continues() => AssertBytes(
        new AuthPacket
        {
            ReasonCode = MqttAuthenticateReasonCode.ContinueAuthentication,
            AuthenticationMethod = "SCRAM",
            AuthenticationData = new byte[] { 1, 2 },
        },
        "F0 0F | 18 | 0D 15 00 05 53 43 52 41 4D 16 00 02 01 02");

    /// <summary>MQTT 5 §3.1.2.9: a Password without a User Name is allowed in MQTT 5 (flag 0x40 alone).</summary>
    [Fact]
    public void Formatter_should_match_spec_bytes_when_connect_has_password_without_username() => AssertBytes(
        new ConnectPacket { ClientId = "", Password = Utf8("p") },
        "10 10 | 00 04 4D 51 54 54 | 05 | 42 | 00 00 | 00 | 00 00 | 00 01 70");

    private static PublishPacket PublishWithProperties { get; } = new()
    {
        Topic = "a/b",
        Qos = MqttQos.AtLeastOnce,
        PacketIdentifier = 10,
        Payload = Utf8("hi"),
        PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
        MessageExpiryInterval = 60,
        ContentType = "text",
        ResponseTopic = "r",
        CorrelationData = new byte[] { 0xCA, 0xFE },
        UserProperties = [new("k", "v")],
        TopicAlias = 5,
        SubscriptionIdentifiers = [7],
    };

    private static void AssertBytes(MqttPacket packet, string hex)
    {
        Assert.Equal(Convert.ToHexString(Hex(hex)), Convert.ToHexString(Encode(Formatter, packet)));
        PacketAssert.Equal(packet, Decode(Formatter, Hex(hex)));
    }
}
