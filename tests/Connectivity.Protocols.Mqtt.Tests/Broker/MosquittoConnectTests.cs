using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Mqtt;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Broker;

/// <summary>Connecting to a real mosquitto 2.0: anonymous, with a password file, and over TLS with a generated CA.</summary>
public sealed class MosquittoConnectTests
{
    private static readonly Dictionary<string, string> Users = new() { ["alice"] = "s3cret", ["bob"] = "hunter2" };

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task ConnectAsync_should_succeed_anonymously_when_the_broker_allows_it(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var client = new MqttClient(Options(broker, version));

        var connAck = await client.ConnectAsync();

        Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);
        Assert.True(client.IsConnected);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task ConnectAsync_should_succeed_when_the_password_is_right(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new() { AllowAnonymous = false, Users = Users });
        await using var client = new MqttClient(Options(broker, version) with { Username = "bob", Password = "hunter2" });

        await client.ConnectAsync();

        Assert.True(client.IsConnected);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttConnectReasonCode.NotAuthorized)]
    [InlineData(MqttProtocolVersion.V500, MqttConnectReasonCode.NotAuthorized)]
    public async Task ConnectAsync_should_throw_an_authentication_failure_when_the_password_is_wrong(
        MqttProtocolVersion version, MqttConnectReasonCode expected)
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new() { AllowAnonymous = false, Users = Users });
        await using var client = new MqttClient(Options(broker, version) with { Username = "alice", Password = "wrong" });

        var refused = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync());

        Assert.Equal(expected, refused.ReasonCode);
        Assert.True(refused.IsAuthenticationFailure);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task ConnectAsync_should_throw_an_authentication_failure_when_anonymous_clients_are_not_allowed(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new() { AllowAnonymous = false, Users = Users });
        await using var client = new MqttClient(Options(broker, version));

        var refused = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync());

        Assert.True(refused.IsAuthenticationFailure);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, "127.0.0.1")]
    [InlineData(MqttProtocolVersion.V500, "127.0.0.1")]
    [InlineData(MqttProtocolVersion.V500, "localhost")]
    public async Task Client_should_publish_and_receive_over_TLS_when_it_trusts_the_generated_CA(MqttProtocolVersion version, string host)
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new() { Tls = true, AllowAnonymous = false, Users = Users });
        using var ca = broker.LoadCaCertificate();
        var options = Options(broker, version) with
        {
            Host = host,
            Port = broker.TlsPort!.Value,
            UseTls = true,
            Tls = TrustOnly(ca),
            Username = "alice",
            Password = "s3cret",
        };
        await using var client = new MqttClient(options);
        var received = new TaskCompletionSource<MqttReceivedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.MessageReceived = message => ValueTask.FromResult(received.TrySetResult(message));
        await client.ConnectAsync();
        await client.SubscribeAsync([new MqttTopicFilter("secure/#", MqttQos.AtLeastOnce)]);

        var result = await client.PublishAsync(new MqttApplicationMessage("secure/1", "over tls"u8.ToArray(), MqttQos.AtLeastOnce));

        Assert.True(result.IsSuccess);
        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("over tls"u8.ToArray(), message.Message.Payload.ToArray());
    }

    [Fact]
    public async Task ConnectAsync_should_throw_an_authentication_exception_when_the_server_certificate_is_not_trusted()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new() { Tls = true });
        await using var other = new MosquittoBroker(new() { Tls = true }); // a different CA, never started
        using var wrongCa = other.LoadCaCertificate();
        await using var client = new MqttClient(Options(broker, MqttProtocolVersion.V500) with
        {
            Port = broker.TlsPort!.Value,
            UseTls = true,
            Tls = TrustOnly(wrongCa),
        });

        await Assert.ThrowsAsync<AuthenticationException>(() => client.ConnectAsync());
        Assert.False(client.IsConnected);
    }

    private static MqttClientOptions Options(MosquittoBroker broker, MqttProtocolVersion version) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        Version = version,
        ClientId = $"connect-{Guid.NewGuid():N}",
        ConnectTimeout = TimeSpan.FromSeconds(20),
    };

    private static SslClientAuthenticationOptions TrustOnly(X509Certificate2 ca) => new()
    {
        CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { ca },
        },
    };
}
