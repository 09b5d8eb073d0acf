using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Protocols.Mqtt.Packets;
using Connectivity.TestKit.Time;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Client;

/// <summary>Keep-alive (MQTT 5 §3.1.2.10) on a test clock: PINGREQ after an idle interval, and a peer that stops answering.</summary>
public sealed class MqttClientKeepAliveTests : IDisposable
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(5);
    private readonly ScriptedMqttPeer peer = new();
    private readonly ManualTimeProvider clock = new();

    public void Dispose() => peer.Dispose();

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Client_should_send_PINGREQ_after_each_idle_keep_alive_interval_when_the_server_answers(MqttProtocolVersion version)
    {
        await using var client = new MqttClient(
            peer.ClientOptions(version) with { KeepAlive = KeepAlive, CommunicationTimeout = TimeSpan.FromMinutes(1) }, timeProvider: clock);
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptSessionAsync();
        await connecting;

        for (var ping = 0; ping < 3; ping++)
        {
            clock.Advance(KeepAlive);
            await connection.ReadAsync<PingReqPacket>();
            await connection.SendAsync(PingRespPacket.Instance);
        }

        Assert.True(client.IsConnected);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Client_should_report_a_keep_alive_timeout_when_the_server_stops_answering_PINGREQ(MqttProtocolVersion version)
    {
        var communicationTimeout = TimeSpan.FromSeconds(3);
        await using var client = new MqttClient(
            peer.ClientOptions(version) with { KeepAlive = KeepAlive, CommunicationTimeout = communicationTimeout }, timeProvider: clock);
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Disconnected += args => disconnected.TrySetResult(args);
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptSessionAsync();
        await connecting;

        clock.Advance(KeepAlive);
        await connection.ReadAsync<PingReqPacket>();
        clock.Advance(communicationTimeout);

        var args = await disconnected.Task.WaitAsync(ScriptedMqttPeer.Patience);
        var failure = Assert.IsType<MqttCommunicationException>(args.Exception);
        Assert.Contains("keep-alive timeout", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await connection.ReadUntilClosedAsync());
    }

    [Fact]
    public async Task Client_should_use_the_server_keep_alive_when_CONNACK_sets_one()
    {
        await using var client = new MqttClient(peer.ClientOptions(MqttProtocolVersion.V500) with { KeepAlive = TimeSpan.FromMinutes(10) }, timeProvider: clock);
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptSessionAsync(new ConnAckPacket { ServerKeepAlive = 2 });
        await connecting;

        clock.Advance(TimeSpan.FromSeconds(2));

        await connection.ReadAsync<PingReqPacket>();
    }
}
