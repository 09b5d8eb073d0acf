using Connectivity.Protocols.Mqtt.Packets;
using Xunit;
using static Connectivity.Protocols.Mqtt.Tests.Support.MqttCodec;

namespace Connectivity.Protocols.Mqtt.Tests.Support;

/// <summary>
/// Packets for round-trip theories, by name. <see cref="V311"/> holds only what MQTT 3.1.1 can
/// carry; <see cref="V500"/> adds every MQTT 5 property at least once.
/// </summary>
public static class SamplePackets
{
    private static readonly MqttUserProperty[] UserProperties = [new("region", "eu-1"), new("region", "eu-2"), new("ünï", "çødé ✓")];

    public static IReadOnlyDictionary<string, MqttPacket> V311 { get; } = new Dictionary<string, MqttPacket>
    {
        ["connect-minimal"] = new ConnectPacket { ClientId = "c1", KeepAlive = 60 },
        ["connect-empty-client-id"] = new ConnectPacket { ClientId = "", KeepAlive = 0 },
        ["connect-full"] = new ConnectPacket
        {
            ClientId = "client-ü",
            CleanSession = false,
            KeepAlive = 65535,
            Username = "user",
            Password = Utf8("secret"),
            Will = new MqttWill("will/topic", Utf8("gone"), MqttQos.ExactlyOnce, Retain: true),
        },
        ["connect-will-qos1-no-retain"] = new ConnectPacket { ClientId = "c", Will = new MqttWill("w", ReadOnlyMemory<byte>.Empty, MqttQos.AtLeastOnce) },
        ["connect-username-only"] = new ConnectPacket { ClientId = "c", Username = "" },
        ["connack-accepted"] = new ConnAckPacket { ReasonCode = MqttConnectReasonCode.Success },
        ["connack-session-present"] = new ConnAckPacket { SessionPresent = true },
        ["connack-not-authorized"] = new ConnAckPacket { ReasonCode = MqttConnectReasonCode.NotAuthorized },
        ["publish-qos0"] = new PublishPacket { Topic = "a/b", Payload = Utf8("hello") },
        ["publish-qos0-empty-payload"] = new PublishPacket { Topic = "a", Retain = true },
        ["publish-qos1"] = new PublishPacket { Topic = "sensors/ü/temp", Payload = Utf8("21.5"), Qos = MqttQos.AtLeastOnce, PacketIdentifier = 1 },
        ["publish-qos2-dup-retain"] = new PublishPacket
        {
            Topic = "x", Payload = new byte[] { 0, 1, 2, 255 }, Qos = MqttQos.ExactlyOnce, PacketIdentifier = 65535, Dup = true, Retain = true,
        },
        ["publish-large-payload"] = new PublishPacket { Topic = "big", Payload = LargePayload(200_000), Qos = MqttQos.AtLeastOnce, PacketIdentifier = 7 },
        ["puback"] = new PubAckPacket { PacketIdentifier = 1 },
        ["pubrec"] = new PubRecPacket { PacketIdentifier = 2 },
        ["pubrel"] = new PubRelPacket { PacketIdentifier = 3 },
        ["pubcomp"] = new PubCompPacket { PacketIdentifier = 65535 },
        ["subscribe"] = new SubscribePacket
        {
            PacketIdentifier = 10,
            TopicFilters = [new("a/+", MqttQos.AtMostOnce), new("b/#", MqttQos.AtLeastOnce), new("c", MqttQos.ExactlyOnce)],
        },
        ["suback"] = new SubAckPacket
        {
            PacketIdentifier = 10,
            ReasonCodes = [MqttSubscribeReasonCode.GrantedQoS0, MqttSubscribeReasonCode.GrantedQoS1, MqttSubscribeReasonCode.GrantedQoS2, MqttSubscribeReasonCode.UnspecifiedError],
        },
        ["unsubscribe"] = new UnsubscribePacket { PacketIdentifier = 11, TopicFilters = ["a/+", "b/#"] },
        ["unsuback"] = new UnsubAckPacket { PacketIdentifier = 11 },
        ["pingreq"] = PingReqPacket.Instance,
        ["pingresp"] = PingRespPacket.Instance,
        ["disconnect"] = new DisconnectPacket(),
    };

    public static IReadOnlyDictionary<string, MqttPacket> V500 { get; } = new Dictionary<string, MqttPacket>(V311)
    {
        ["connect-full"] = new ConnectPacket
        {
            ClientId = "client-ü",
            CleanSession = false,
            KeepAlive = 30,
            Username = "user",
            Password = Utf8("secret"),
            Will = new MqttWill("will/topic", Utf8("gone"), MqttQos.AtLeastOnce, Retain: true)
            {
                WillDelayInterval = 10,
                PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
                MessageExpiryInterval = 3600,
                ContentType = "text/plain",
                ResponseTopic = "will/response",
                CorrelationData = new byte[] { 1, 2, 3 },
                UserProperties = UserProperties,
            },
            SessionExpiryInterval = 120,
            ReceiveMaximum = 100,
            MaximumPacketSize = 1_048_576,
            TopicAliasMaximum = 10,
            RequestResponseInformation = true,
            RequestProblemInformation = false,
            UserProperties = UserProperties,
            AuthenticationMethod = "SCRAM-SHA-256",
            AuthenticationData = new byte[] { 9, 8, 7 },
        },
        ["connect-password-without-username"] = new ConnectPacket { ClientId = "c", Password = new byte[] { 1 } },
        ["connect-limits"] = new ConnectPacket { ClientId = "c", MaximumPacketSize = uint.MaxValue, ReceiveMaximum = 1 },
        ["connack-full"] = new ConnAckPacket
        {
            SessionPresent = true,
            SessionExpiryInterval = 0,
            ReceiveMaximum = 20,
            MaximumQos = MqttQos.AtLeastOnce,
            RetainAvailable = false,
            MaximumPacketSize = 65_536,
            AssignedClientIdentifier = "auto-123",
            TopicAliasMaximum = 5,
            ReasonString = "welcome",
            UserProperties = UserProperties,
            WildcardSubscriptionAvailable = false,
            SubscriptionIdentifiersAvailable = false,
            SharedSubscriptionAvailable = false,
            ServerKeepAlive = 45,
            ResponseInformation = "responses/",
            ServerReference = "other:1883",
            AuthenticationMethod = "SCRAM-SHA-256",
            AuthenticationData = new byte[] { 4, 5 },
        },
        ["connack-maximum-qos0"] = new ConnAckPacket { MaximumQos = MqttQos.AtMostOnce },
        ["connack-banned"] = new ConnAckPacket { ReasonCode = MqttConnectReasonCode.Banned, ReasonString = "go away" },
        ["publish-every-property"] = new PublishPacket
        {
            Topic = "a/b",
            Payload = Utf8("{}"),
            Qos = MqttQos.ExactlyOnce,
            PacketIdentifier = 42,
            PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
            MessageExpiryInterval = 60,
            TopicAlias = 3,
            ResponseTopic = "reply/to",
            CorrelationData = new byte[] { 0xCA, 0xFE },
            UserProperties = UserProperties,
            SubscriptionIdentifiers = [1, 268_435_455, 16_384],
            ContentType = "application/json",
        },
        ["publish-topic-alias-only"] = new PublishPacket { Topic = "", TopicAlias = 65535, Payload = Utf8("x") },
        ["publish-large-payload-properties"] = new PublishPacket
        {
            Topic = "big", Payload = LargePayload(70_000), Qos = MqttQos.AtLeastOnce, PacketIdentifier = 9, ContentType = "application/octet-stream",
        },
        ["puback-reason-code-only"] = new PubAckPacket { PacketIdentifier = 1, ReasonCode = MqttPubAckReasonCode.NoMatchingSubscribers },
        ["puback-full"] = new PubAckPacket
        {
            PacketIdentifier = 1, ReasonCode = MqttPubAckReasonCode.QuotaExceeded, ReasonString = "slow down", UserProperties = UserProperties,
        },
        ["puback-success-with-reason-string"] = new PubAckPacket { PacketIdentifier = 1, ReasonString = "ok" },
        ["pubrec-full"] = new PubRecPacket
        {
            PacketIdentifier = 2, ReasonCode = MqttPubRecReasonCode.PacketIdentifierInUse, ReasonString = "in use", UserProperties = UserProperties,
        },
        ["pubrel-full"] = new PubRelPacket
        {
            PacketIdentifier = 3, ReasonCode = MqttPubRelReasonCode.PacketIdentifierNotFound, ReasonString = "unknown", UserProperties = UserProperties,
        },
        ["pubcomp-full"] = new PubCompPacket
        {
            PacketIdentifier = 4, ReasonCode = MqttPubCompReasonCode.PacketIdentifierNotFound, ReasonString = "unknown", UserProperties = UserProperties,
        },
        ["subscribe-options"] = new SubscribePacket
        {
            PacketIdentifier = 12,
            SubscriptionIdentifier = 268_435_455,
            UserProperties = UserProperties,
            TopicFilters =
            [
                new("a/+", MqttQos.AtLeastOnce, NoLocal: true),
                new("$share/g/b/#", MqttQos.ExactlyOnce, RetainAsPublished: true, RetainHandling: 2),
                new("c", MqttQos.AtMostOnce, NoLocal: true, RetainAsPublished: true, RetainHandling: 1),
            ],
        },
        ["suback-full"] = new SubAckPacket
        {
            PacketIdentifier = 12,
            ReasonString = "partly",
            UserProperties = UserProperties,
            ReasonCodes = [MqttSubscribeReasonCode.GrantedQoS1, MqttSubscribeReasonCode.NotAuthorized, MqttSubscribeReasonCode.WildcardSubscriptionsNotSupported],
        },
        ["unsubscribe-user-properties"] = new UnsubscribePacket { PacketIdentifier = 13, TopicFilters = ["a"], UserProperties = UserProperties },
        ["unsuback"] = new UnsubAckPacket { PacketIdentifier = 11, ReasonCodes = [MqttUnsubscribeReasonCode.Success] },
        ["unsuback-full"] = new UnsubAckPacket
        {
            PacketIdentifier = 13,
            ReasonString = "done",
            UserProperties = UserProperties,
            ReasonCodes = [MqttUnsubscribeReasonCode.Success, MqttUnsubscribeReasonCode.NoSubscriptionExisted, MqttUnsubscribeReasonCode.TopicFilterInvalid],
        },
        ["disconnect-reason-code-only"] = new DisconnectPacket { ReasonCode = MqttDisconnectReasonCode.DisconnectWithWillMessage },
        ["disconnect-full"] = new DisconnectPacket
        {
            ReasonCode = MqttDisconnectReasonCode.UseAnotherServer,
            SessionExpiryInterval = 300,
            ReasonString = "moving",
            UserProperties = UserProperties,
            ServerReference = "other:1883",
        },
        ["auth-success"] = new AuthPacket(),
        ["auth-continue"] = new AuthPacket
        {
            ReasonCode = MqttAuthenticateReasonCode.ContinueAuthentication,
            AuthenticationMethod = "SCRAM-SHA-256",
            AuthenticationData = new byte[] { 1, 2, 3, 4 },
            ReasonString = "step 2",
            UserProperties = UserProperties,
        },
        ["auth-reauthenticate-no-properties"] = new AuthPacket { ReasonCode = MqttAuthenticateReasonCode.ReAuthenticate },
    };

    public static TheoryData<string> V311Names => Names(V311);

    public static TheoryData<string> V500Names => Names(V500);

    private static TheoryData<string> Names(IReadOnlyDictionary<string, MqttPacket> packets)
    {
        var data = new TheoryData<string>();
        foreach (var name in packets.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    private static byte[] LargePayload(int length)
    {
        var payload = new byte[length];
        for (var index = 0; index < payload.Length; index++)
        {
            payload[index] = (byte)(index * 31);
        }

        return payload;
    }
}
