using System.Net;
using System.Net.Sockets;
using System.Text;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Protocols.Mqtt.Packets;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Client;

/// <summary>CONNECT as a scripted peer sees it, and CONNACK refusals written as hand-made bytes.</summary>
public sealed class MqttClientConnectTests : IDisposable
{
    private readonly ScriptedMqttPeer peer = new();

    public void Dispose() => peer.Dispose();

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task ConnectAsync_should_send_the_options_in_CONNECT_and_return_CONNACK_when_accepted(MqttProtocolVersion version)
    {
        await using var client = new MqttClient(peer.ClientOptions(version) with
        {
            ClientId = "client-7",
            Username = "alice",
            Password = "s3cret",
            CleanSession = false,
            KeepAlive = TimeSpan.FromSeconds(30),
        });
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptAsync();

        var connect = await connection.ReadConnectAsync();
        await connection.SendAsync(new ConnAckPacket { SessionPresent = true });
        var connAck = await connecting;

        Assert.Equal(version, connection.Version);
        Assert.Equal("client-7", connect.ClientId);
        Assert.Equal("alice", connect.Username);
        Assert.Equal("s3cret", Encoding.UTF8.GetString(connect.Password!.Value.Span));
        Assert.False(connect.CleanSession);
        Assert.Equal(30, connect.KeepAlive);
        Assert.True(connAck.SessionPresent);
        Assert.True(client.IsConnected);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, "20 02 01 00", "30 07 0003 612F62 6869")]
    [InlineData(MqttProtocolVersion.V500, "20 03 01 00 00", "30 08 0003 612F62 00 6869")]
    public async Task ConnectAsync_should_deliver_a_PUBLISH_that_follows_CONNACK_in_the_same_segment(
        MqttProtocolVersion version, string connAck, string publish)
    {
        // A kept session's queued messages come right behind CONNACK, before the connecting caller has resumed.
        var delivered = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new MqttClient(peer.ClientOptions(version) with { CleanSession = false })
        {
            MessageReceived = m =>
            {
                delivered.TrySetResult(m.Message);
                return ValueTask.FromResult(true);
            },
        };
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptAsync();
        await connection.ReadConnectAsync();

        await connection.WriteAsync(Convert.FromHexString((connAck + publish).Replace(" ", "", StringComparison.Ordinal)));
        await connecting;

        var message = await delivered.Task.WaitAsync(ScriptedMqttPeer.Patience);
        Assert.Equal(("a/b", "hi"), (message.Topic, Encoding.UTF8.GetString(message.Payload.Span)));
        Assert.True(client.IsConnected);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, "20 02 00 04", MqttConnectReasonCode.BadUserNameOrPassword)]
    [InlineData(MqttProtocolVersion.V311, "20 02 00 05", MqttConnectReasonCode.NotAuthorized)]
    [InlineData(MqttProtocolVersion.V500, "20 03 00 86 00", MqttConnectReasonCode.BadUserNameOrPassword)]
    [InlineData(MqttProtocolVersion.V500, "20 03 00 87 00", MqttConnectReasonCode.NotAuthorized)]
    [InlineData(MqttProtocolVersion.V500, "20 03 00 8C 00", MqttConnectReasonCode.BadAuthenticationMethod)]
    public async Task ConnectAsync_should_throw_an_authentication_failure_when_CONNACK_refuses_the_credentials(
        MqttProtocolVersion version, string connAck, MqttConnectReasonCode expected)
    {
        await using var client = new MqttClient(peer.ClientOptions(version) with { Username = "alice", Password = "wrong" });
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptAsync();
        await connection.ReadConnectAsync();

        await connection.WriteAsync(Convert.FromHexString(connAck.Replace(" ", "", StringComparison.Ordinal)));

        var refused = await Assert.ThrowsAsync<MqttConnectException>(() => connecting);
        Assert.Equal(expected, refused.ReasonCode);
        Assert.True(refused.IsAuthenticationFailure);
        Assert.False(client.IsConnected);
        Assert.DoesNotContain("wrong", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, "20 02 00 03", MqttConnectReasonCode.ServerUnavailable)]
    [InlineData(MqttProtocolVersion.V500, "20 03 00 89 00", MqttConnectReasonCode.ServerBusy)]
    public async Task ConnectAsync_should_throw_a_refusal_that_is_no_authentication_failure_when_the_server_is_unavailable(
        MqttProtocolVersion version, string connAck, MqttConnectReasonCode expected)
    {
        await using var client = new MqttClient(peer.ClientOptions(version));
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptAsync();
        await connection.ReadConnectAsync();

        await connection.WriteAsync(Convert.FromHexString(connAck.Replace(" ", "", StringComparison.Ordinal)));

        var refused = await Assert.ThrowsAsync<MqttConnectException>(() => connecting);
        Assert.Equal(expected, refused.ReasonCode);
        Assert.False(refused.IsAuthenticationFailure);
    }

    [Fact]
    public async Task ConnectAsync_should_carry_the_reason_string_when_a_v5_CONNACK_refuses()
    {
        await using var client = new MqttClient(peer.ClientOptions(MqttProtocolVersion.V500));
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptAsync();
        await connection.ReadConnectAsync();

        // CONNACK: flags 0, reason 0x87, properties (7 bytes): Reason String (0x1F) "nope"
        await connection.WriteAsync(Convert.FromHexString("200A" + "00" + "87" + "07" + "1F" + "0004" + "6E6F7065"));

        var refused = await Assert.ThrowsAsync<MqttConnectException>(() => connecting);
        Assert.Equal("nope", refused.ReasonString);
        Assert.True(refused.IsAuthenticationFailure);
    }

    [Fact]
    public async Task ConnectAsync_should_throw_a_communication_exception_when_nothing_listens()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var client = new MqttClient(peer.ClientOptions(MqttProtocolVersion.V500) with { Port = port });

        var failure = await Assert.ThrowsAsync<MqttCommunicationException>(() => client.ConnectAsync());

        Assert.IsType<SocketException>(failure.InnerException);
    }

    [Fact]
    public async Task ConnectAsync_should_throw_a_communication_exception_when_the_peer_closes_before_CONNACK()
    {
        await using var client = new MqttClient(peer.ClientOptions(MqttProtocolVersion.V311));
        var connecting = client.ConnectAsync();
        var connection = await peer.AcceptAsync();
        await connection.ReadConnectAsync();

        await connection.DisposeAsync();

        await Assert.ThrowsAsync<MqttCommunicationException>(() => connecting);
        Assert.False(client.IsConnected);
    }
}
