using System.Text;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Protocols.Mqtt.Packets;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Client;

/// <summary>How a connection ends: the server's DISCONNECT, a dropped socket, or our own DISCONNECT.</summary>
public sealed class MqttClientDisconnectTests : IDisposable
{
    private readonly ScriptedMqttPeer peer = new();

    public void Dispose() => peer.Dispose();

    [Fact]
    public async Task Disconnected_should_carry_the_reason_code_and_reason_string_when_the_server_sends_DISCONNECT()
    {
        await using var client = new MqttClient(peer.ClientOptions(MqttProtocolVersion.V500));
        var disconnected = Observe(client);
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptSessionAsync();
        await connecting;

        // DISCONNECT: reason 0x8B (Server shutting down), properties (14 bytes): Reason String (0x1F) "maintenance"
        await connection.WriteAsync([0xE0, 0x10, 0x8B, 0x0E, 0x1F, 0x00, 0x0B, .. Encoding.UTF8.GetBytes("maintenance")]);

        var args = await disconnected.Task.WaitAsync(ScriptedMqttPeer.Patience);
        Assert.Equal(MqttDisconnectReasonCode.ServerShuttingDown, args.ReasonCode);
        Assert.Equal("maintenance", args.ReasonString);
        Assert.Null(args.Exception);
        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Disconnected_should_carry_a_communication_exception_when_the_server_drops_the_connection(MqttProtocolVersion version)
    {
        await using var client = new MqttClient(peer.ClientOptions(version));
        var disconnected = Observe(client);
        var connecting = client.ConnectAsync();
        var connection = await peer.AcceptSessionAsync();
        await connecting;

        await connection.DisposeAsync();

        var args = await disconnected.Task.WaitAsync(ScriptedMqttPeer.Patience);
        Assert.IsType<MqttCommunicationException>(args.Exception);
        Assert.Null(args.Disconnect);
    }

    [Fact]
    public async Task PublishAsync_should_fail_with_a_communication_exception_when_the_connection_drops_before_PUBACK()
    {
        await using var client = new MqttClient(peer.ClientOptions(MqttProtocolVersion.V500));
        var connecting = client.ConnectAsync();
        var connection = await peer.AcceptSessionAsync();
        await connecting;

        var publishing = client.PublishAsync(new MqttApplicationMessage("a/b", new byte[] { 1 }, MqttQos.AtLeastOnce));
        await connection.ReadAsync<PublishPacket>();
        await connection.DisposeAsync();

        await Assert.ThrowsAsync<MqttCommunicationException>(() => publishing);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task DisconnectAsync_should_send_DISCONNECT_and_raise_no_event(MqttProtocolVersion version)
    {
        var client = new MqttClient(peer.ClientOptions(version));
        var disconnected = Observe(client);
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptSessionAsync();
        await connecting;

        await client.DisconnectAsync(MqttDisconnectReasonCode.DisconnectWithWillMessage);
        var sent = await connection.ReadUntilClosedAsync();
        await client.DisposeAsync();

        var disconnect = Assert.IsType<DisconnectPacket>(Assert.Single(sent));
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Equal(MqttDisconnectReasonCode.DisconnectWithWillMessage, disconnect.ReasonCode);
        }

        Assert.False(disconnected.Task.IsCompleted);
        Assert.False(client.IsConnected);
    }

    private static TaskCompletionSource<MqttClientDisconnectedEventArgs> Observe(MqttClient client)
    {
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Disconnected += args => disconnected.TrySetResult(args);
        return disconnected;
    }
}
