using System.Text;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Protocols.Mqtt.Packets;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Client;

/// <summary>A peer that breaks the protocol: the client closes the connection with the reason (MQTT 5 §4.13).</summary>
public sealed class MqttClientProtocolErrorTests : IDisposable
{
    private readonly ScriptedMqttPeer peer = new();

    public void Dispose() => peer.Dispose();

    public static TheoryData<MqttProtocolVersion, byte[], MqttDisconnectReasonCode> BrokenPackets => new()
    {
        // Remaining Length with a fifth byte
        { MqttProtocolVersion.V311, [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], MqttDisconnectReasonCode.MalformedPacket },
        { MqttProtocolVersion.V500, [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], MqttDisconnectReasonCode.MalformedPacket },
        // PUBLISH announcing 2000 bytes to a client that takes 1024 at most
        { MqttProtocolVersion.V311, [0x30, 0xD0, 0x0F, 0x00, 0x01, (byte)'t'], MqttDisconnectReasonCode.PacketTooLarge },
        { MqttProtocolVersion.V500, [0x30, 0xD0, 0x0F, 0x00, 0x01, (byte)'t'], MqttDisconnectReasonCode.PacketTooLarge },
    };

    [Theory]
    [MemberData(nameof(BrokenPackets))]
    public async Task Client_should_close_the_connection_with_the_protocol_error_when_the_peer_sends_a_broken_packet(
        MqttProtocolVersion version, byte[] bytes, MqttDisconnectReasonCode expected)
    {
        await using var client = new MqttClient(peer.ClientOptions(version) with { MaximumPacketSize = 1024 });
        var disconnected = Observe(client);
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptSessionAsync();
        await connecting;

        await connection.WriteAsync(bytes);

        var args = await disconnected.Task.WaitAsync(ScriptedMqttPeer.Patience);
        var violation = Assert.IsType<MqttProtocolException>(args.Exception);
        Assert.Equal(expected, violation.ReasonCode);
        var sent = await connection.ReadUntilClosedAsync();
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Equal(expected, Assert.IsType<DisconnectPacket>(Assert.Single(sent)).ReasonCode);
        }
        else
        {
            Assert.Empty(sent);
        }
    }

    [Fact]
    public async Task Client_should_resolve_topic_aliases_when_the_server_sets_and_then_uses_one()
    {
        await using var client = new MqttClient(peer.ClientOptions(MqttProtocolVersion.V500) with { TopicAliasMaximum = 4 });
        var topics = new List<string>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.MessageReceived = received =>
        {
            topics.Add($"{received.Message.Topic}={Encoding.UTF8.GetString(received.Message.Payload.Span)}");
            if (topics.Count == 2)
            {
                both.TrySetResult();
            }

            return ValueTask.FromResult(true);
        };
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptSessionAsync();
        await connecting;

        await connection.SendAsync(new PublishPacket { Topic = "sensors/1", TopicAlias = 3, Payload = "a"u8.ToArray() });
        await connection.SendAsync(new PublishPacket { Topic = "", TopicAlias = 3, Payload = "b"u8.ToArray() });

        await both.Task.WaitAsync(ScriptedMqttPeer.Patience);
        Assert.Equal(["sensors/1=a", "sensors/1=b"], topics);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task Client_should_disconnect_with_topic_alias_invalid_when_an_alias_is_unknown_or_too_large(ushort alias)
    {
        await using var client = new MqttClient(peer.ClientOptions(MqttProtocolVersion.V500) with { TopicAliasMaximum = 4 });
        var disconnected = Observe(client);
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptSessionAsync();
        await connecting;

        await connection.SendAsync(new PublishPacket { Topic = "", TopicAlias = alias, Payload = "x"u8.ToArray() });

        var args = await disconnected.Task.WaitAsync(ScriptedMqttPeer.Patience);
        Assert.Equal(MqttDisconnectReasonCode.TopicAliasInvalid, Assert.IsType<MqttProtocolException>(args.Exception).ReasonCode);
        Assert.Equal(MqttDisconnectReasonCode.TopicAliasInvalid, Assert.IsType<DisconnectPacket>(Assert.Single(await connection.ReadUntilClosedAsync())).ReasonCode);
    }

    [Fact]
    public async Task Client_should_disconnect_with_receive_maximum_exceeded_when_the_server_sends_too_many_unacknowledged_publishes()
    {
        await using var client = new MqttClient(peer.ClientOptions(MqttProtocolVersion.V500) with { ReceiveMaximum = 2 });
        var disconnected = Observe(client);
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.MessageReceived = _ => new ValueTask<bool>(release.Task);
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptSessionAsync();
        await connecting;

        for (ushort id = 1; id <= 3; id++)
        {
            await connection.SendAsync(new PublishPacket { Topic = "t", Qos = MqttQos.AtLeastOnce, PacketIdentifier = id, Payload = new byte[] { 1 } });
        }

        var args = await disconnected.Task.WaitAsync(ScriptedMqttPeer.Patience);
        release.SetResult(true);
        Assert.Equal(MqttDisconnectReasonCode.ReceiveMaximumExceeded, Assert.IsType<MqttProtocolException>(args.Exception).ReasonCode);
    }

    private static TaskCompletionSource<MqttClientDisconnectedEventArgs> Observe(MqttClient client)
    {
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Disconnected += args => disconnected.TrySetResult(args);
        return disconnected;
    }
}
