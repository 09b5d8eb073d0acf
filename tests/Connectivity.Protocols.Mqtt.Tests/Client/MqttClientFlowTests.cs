using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Protocols.Mqtt.Packets;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Client;

/// <summary>QoS 1 and 2 flows in both directions (MQTT 5 §4.3) against a scripted peer.</summary>
public sealed class MqttClientFlowTests : IDisposable
{
    private readonly ScriptedMqttPeer peer = new();

    public void Dispose() => peer.Dispose();

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task PublishAsync_should_complete_on_PUBCOMP_after_PUBREC_and_PUBREL_when_QoS_is_2(MqttProtocolVersion version)
    {
        var (client, connection) = await ConnectAsync(version);
        await using var _ = client;
        await using var __ = connection;

        var publishing = client.PublishAsync(new MqttApplicationMessage("a/b", "x"u8.ToArray(), MqttQos.ExactlyOnce));
        var publish = await connection.ReadAsync<PublishPacket>();
        await connection.SendAsync(new PubRecPacket { PacketIdentifier = publish.PacketIdentifier });
        var release = await connection.ReadAsync<PubRelPacket>();
        Assert.False(publishing.IsCompleted);
        await connection.SendAsync(new PubCompPacket { PacketIdentifier = publish.PacketIdentifier });
        var result = await publishing;

        Assert.Equal(MqttQos.ExactlyOnce, publish.Qos);
        Assert.False(publish.Dup);
        Assert.Equal(publish.PacketIdentifier, release.PacketIdentifier);
        Assert.Equal(publish.PacketIdentifier, result.PacketIdentifier);
        Assert.True(result.IsSuccess);
    }

    [Fact]
    public async Task PublishAsync_should_return_the_refusal_without_PUBREL_when_PUBREC_carries_an_error_code()
    {
        var (client, connection) = await ConnectAsync(MqttProtocolVersion.V500);
        await using var _ = client;
        await using var __ = connection;

        var publishing = client.PublishAsync(new MqttApplicationMessage("a/b", "x"u8.ToArray(), MqttQos.ExactlyOnce));
        var publish = await connection.ReadAsync<PublishPacket>();
        await connection.SendAsync(new PubRecPacket { PacketIdentifier = publish.PacketIdentifier, ReasonCode = MqttPubRecReasonCode.NotAuthorized, ReasonString = "no" });
        var result = await publishing;

        Assert.Equal(MqttPublishReasonCode.NotAuthorized, result.ReasonCode);
        Assert.Equal("no", result.ReasonString);
        Assert.False(result.IsSuccess);
    }

    [Fact]
    public async Task PublishAsync_should_wait_for_a_free_slot_when_the_server_receive_maximum_is_reached()
    {
        var (client, connection) = await ConnectAsync(MqttProtocolVersion.V500, new ConnAckPacket { ReceiveMaximum = 1 });
        await using var _ = client;
        await using var __ = connection;

        var first = client.PublishAsync(new MqttApplicationMessage("t", "1"u8.ToArray(), MqttQos.AtLeastOnce));
        var second = client.PublishAsync(new MqttApplicationMessage("t", "2"u8.ToArray(), MqttQos.AtLeastOnce));
        var firstPublish = await connection.ReadAsync<PublishPacket>();
        await client.PublishAsync(new MqttApplicationMessage("probe", "q0"u8.ToArray()));
        var probe = await connection.ReadAsync<PublishPacket>(); // QoS 0 passes; the second QoS 1 waits
        await connection.SendAsync(new PubAckPacket { PacketIdentifier = firstPublish.PacketIdentifier });
        var secondPublish = await connection.ReadAsync<PublishPacket>();
        await connection.SendAsync(new PubAckPacket { PacketIdentifier = secondPublish.PacketIdentifier });
        await Task.WhenAll(first, second);

        Assert.Equal("1"u8.ToArray(), firstPublish.Payload.ToArray());
        Assert.Equal("probe", probe.Topic);
        Assert.Equal("2"u8.ToArray(), secondPublish.Payload.ToArray());
        Assert.NotEqual(firstPublish.PacketIdentifier, secondPublish.PacketIdentifier);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Client_should_deliver_an_inbound_QoS_2_message_once_and_complete_the_flow_when_the_server_repeats_it(MqttProtocolVersion version)
    {
        var (client, connection) = await ConnectAsync(version);
        await using var _ = client;
        await using var __ = connection;
        var delivered = 0;
        client.MessageReceived = _ =>
        {
            Interlocked.Increment(ref delivered);
            return ValueTask.FromResult(true);
        };
        var publish = new PublishPacket { Topic = "in", Qos = MqttQos.ExactlyOnce, PacketIdentifier = 9, Payload = "x"u8.ToArray() };

        await connection.SendAsync(publish);
        var received = await connection.ReadAsync<PubRecPacket>();
        await connection.SendAsync(publish with { Dup = true });
        var repeated = await connection.ReadAsync<PubRecPacket>();
        await connection.SendAsync(new PubRelPacket { PacketIdentifier = 9 });
        var completed = await connection.ReadAsync<PubCompPacket>();

        Assert.Equal(9, received.PacketIdentifier);
        Assert.Equal(9, repeated.PacketIdentifier);
        Assert.Equal(9, completed.PacketIdentifier);
        Assert.Equal(MqttPubCompReasonCode.Success, completed.ReasonCode);
        Assert.Equal(1, Volatile.Read(ref delivered));
    }

    [Fact]
    public async Task Client_should_withhold_the_acknowledgement_when_the_handler_returns_false()
    {
        var (client, connection) = await ConnectAsync(MqttProtocolVersion.V311);
        await using var _ = client;
        await using var __ = connection;
        client.MessageReceived = received => ValueTask.FromResult(received.PacketIdentifier != 1);

        await connection.SendAsync(new PublishPacket { Topic = "in", Qos = MqttQos.AtLeastOnce, PacketIdentifier = 1, Payload = "no"u8.ToArray() });
        await connection.SendAsync(new PublishPacket { Topic = "in", Qos = MqttQos.AtLeastOnce, PacketIdentifier = 2, Payload = "yes"u8.ToArray() });

        // in order: had packet 1 been acknowledged, its PUBACK would come first
        Assert.Equal(2, (await connection.ReadAsync<PubAckPacket>()).PacketIdentifier);
    }

    [Fact]
    public async Task Client_should_answer_PUBREL_for_an_unknown_packet_identifier_with_not_found()
    {
        var (client, connection) = await ConnectAsync(MqttProtocolVersion.V500);
        await using var _ = client;
        await using var __ = connection;

        await connection.SendAsync(new PubRelPacket { PacketIdentifier = 77 });

        var completed = await connection.ReadAsync<PubCompPacket>();
        Assert.Equal(77, completed.PacketIdentifier);
        Assert.Equal(MqttPubCompReasonCode.PacketIdentifierNotFound, completed.ReasonCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task SubscribeAsync_should_return_the_SUBACK_matched_by_packet_identifier(MqttProtocolVersion version)
    {
        var (client, connection) = await ConnectAsync(version);
        await using var _ = client;
        await using var __ = connection;

        var subscribing = client.SubscribeAsync([new MqttTopicFilter("a/#", MqttQos.AtLeastOnce), new MqttTopicFilter("b", MqttQos.ExactlyOnce)]);
        var subscribe = await connection.ReadAsync<SubscribePacket>();
        await connection.SendAsync(new SubAckPacket
        {
            PacketIdentifier = subscribe.PacketIdentifier,
            ReasonCodes = [MqttSubscribeReasonCode.GrantedQoS1, MqttSubscribeReasonCode.UnspecifiedError],
        });
        var subAck = await subscribing;

        Assert.Equal(["a/#", "b"], subscribe.TopicFilters.Select(filter => filter.Topic));
        Assert.Equal([MqttSubscribeReasonCode.GrantedQoS1, MqttSubscribeReasonCode.UnspecifiedError], subAck.ReasonCodes);
    }

    private async Task<(MqttClient Client, ScriptedMqttConnection Connection)> ConnectAsync(MqttProtocolVersion version, ConnAckPacket? connAck = null)
    {
        var client = new MqttClient(peer.ClientOptions(version));
        var connecting = client.ConnectAsync();
        var connection = await peer.AcceptSessionAsync(connAck);
        await connecting;
        return (client, connection);
    }
}
