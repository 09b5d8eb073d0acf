using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Protocols.Mqtt.Packets;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Client;

/// <summary>The managed client against a scripted peer that drops connections: redelivery, resubscription, queueing.</summary>
public sealed class ManagedMqttClientTests : IDisposable
{
    private readonly ScriptedMqttPeer peer = new();

    public void Dispose() => peer.Dispose();

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task PublishAsync_should_resend_with_DUP_after_a_reconnect_when_the_PUBACK_never_came(MqttProtocolVersion version)
    {
        await using var client = Managed(version);
        await client.StartAsync();
        var publishing = client.PublishAsync(new MqttApplicationMessage("t/1", "hello"u8.ToArray(), MqttQos.AtLeastOnce));
        var first = await peer.AcceptSessionAsync();
        var original = await first.ReadAsync<PublishPacket>();

        await first.DisposeAsync();
        await using var second = await peer.AcceptSessionAsync();
        var resent = await second.ReadAsync<PublishPacket>();
        await second.SendAsync(new PubAckPacket { PacketIdentifier = resent.PacketIdentifier });

        Assert.True((await publishing).IsSuccess);
        Assert.False(original.Dup);
        Assert.True(resent.Dup);
        Assert.Equal("t/1", resent.Topic);
        Assert.Equal("hello"u8.ToArray(), resent.Payload.ToArray());
        Assert.Equal(0, client.PendingPublishes);
    }

    [Fact]
    public async Task PublishAsync_should_resend_with_the_same_packet_identifier_when_the_server_kept_the_session()
    {
        await using var client = Managed(MqttProtocolVersion.V500, cleanSession: false);
        await client.StartAsync();
        var publishing = client.PublishAsync(new MqttApplicationMessage("t/1", "x"u8.ToArray(), MqttQos.AtLeastOnce));
        var first = await peer.AcceptSessionAsync();
        var original = await first.ReadAsync<PublishPacket>();

        await first.DisposeAsync();
        await using var second = await peer.AcceptSessionAsync(new ConnAckPacket { SessionPresent = true });
        var resent = await second.ReadAsync<PublishPacket>();
        await second.SendAsync(new PubAckPacket { PacketIdentifier = resent.PacketIdentifier });
        await publishing;

        Assert.True(resent.Dup);
        Assert.Equal(original.PacketIdentifier, resent.PacketIdentifier);
    }

    [Fact]
    public async Task PublishAsync_should_continue_with_PUBREL_after_a_reconnect_when_PUBREC_came_and_the_session_was_kept()
    {
        await using var client = Managed(MqttProtocolVersion.V500, cleanSession: false);
        await client.StartAsync();
        var publishing = client.PublishAsync(new MqttApplicationMessage("t/2", "x"u8.ToArray(), MqttQos.ExactlyOnce));
        var first = await peer.AcceptSessionAsync();
        var original = await first.ReadAsync<PublishPacket>();
        await first.SendAsync(new PubRecPacket { PacketIdentifier = original.PacketIdentifier });
        await first.ReadAsync<PubRelPacket>();

        await first.DisposeAsync();
        await using var second = await peer.AcceptSessionAsync(new ConnAckPacket { SessionPresent = true });
        var release = await second.ReadAsync<PubRelPacket>();
        await second.SendAsync(new PubCompPacket { PacketIdentifier = release.PacketIdentifier });

        Assert.True((await publishing).IsSuccess);
        Assert.Equal(original.PacketIdentifier, release.PacketIdentifier);
    }

    [Fact]
    public async Task Client_should_subscribe_again_after_a_reconnect_when_the_session_is_new()
    {
        await using var client = Managed(MqttProtocolVersion.V311);
        Assert.Null(await client.SubscribeAsync([new MqttTopicFilter("a/#", MqttQos.AtLeastOnce)]));
        await client.StartAsync();

        var first = await peer.AcceptSessionAsync();
        var subscribe = await first.ReadAsync<SubscribePacket>();
        await first.SendAsync(new SubAckPacket { PacketIdentifier = subscribe.PacketIdentifier, ReasonCodes = [MqttSubscribeReasonCode.GrantedQoS1] });
        await first.DisposeAsync();
        await using var second = await peer.AcceptSessionAsync();
        var again = await second.ReadAsync<SubscribePacket>();

        Assert.Equal("a/#", Assert.Single(again.TopicFilters).Topic);
        Assert.Equal(MqttQos.AtLeastOnce, again.TopicFilters[0].Qos);
    }

    [Fact]
    public async Task PublishAsync_should_send_queued_messages_in_order_when_the_connection_comes_up()
    {
        await using var client = Managed(MqttProtocolVersion.V311);
        var published = Enumerable.Range(1, 5)
            .Select(i => client.PublishAsync(new MqttApplicationMessage("q", new[] { (byte)i }, (MqttQos)(i % 2))))
            .ToList();
        await client.StartAsync();

        await using var connection = await peer.AcceptSessionAsync();
        var payloads = new List<byte>();
        for (var i = 0; i < 5; i++)
        {
            var publish = await connection.ReadAsync<PublishPacket>();
            payloads.Add(publish.Payload.Span[0]);
            if (publish.Qos == MqttQos.AtLeastOnce)
            {
                await connection.SendAsync(new PubAckPacket { PacketIdentifier = publish.PacketIdentifier });
            }
        }

        await Task.WhenAll(published);
        Assert.Equal([1, 2, 3, 4, 5], payloads);
    }

    [Fact]
    public async Task PublishAsync_should_refuse_when_the_queue_is_full()
    {
        await using var client = new ManagedMqttClient(new ManagedMqttClientOptions
        {
            Client = peer.ClientOptions(MqttProtocolVersion.V311),
            MaxPendingPublishes = 2,
        });
        _ = client.PublishAsync(new MqttApplicationMessage("q", new byte[] { 1 }));
        _ = client.PublishAsync(new MqttApplicationMessage("q", new byte[] { 2 }));

        Assert.Throws<MqttPublishQueueFullException>(() => { _ = client.PublishAsync(new MqttApplicationMessage("q", new byte[] { 3 })); });
    }

    [Fact]
    public async Task Client_should_retry_after_a_refused_connect()
    {
        await using var client = Managed(MqttProtocolVersion.V500);
        var failed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectFailed += exception => failed.TrySetResult(exception);
        client.Connected += _ => connected.TrySetResult();
        await client.StartAsync();

        await using var refused = await peer.AcceptSessionAsync(new ConnAckPacket { ReasonCode = MqttConnectReasonCode.ServerBusy });
        await using var accepted = await peer.AcceptSessionAsync();
        await connected.Task.WaitAsync(ScriptedMqttPeer.Patience);

        Assert.Equal(MqttConnectReasonCode.ServerBusy, Assert.IsType<MqttConnectException>(await failed.Task).ReasonCode);
        Assert.True(client.IsConnected);
    }

    private ManagedMqttClient Managed(MqttProtocolVersion version, bool cleanSession = true) => new(new ManagedMqttClientOptions
    {
        Client = peer.ClientOptions(version) with { CleanSession = cleanSession },
        MinReconnectDelay = TimeSpan.FromMilliseconds(10),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
    });
}
