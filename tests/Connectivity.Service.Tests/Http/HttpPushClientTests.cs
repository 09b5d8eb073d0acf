using System.Net;
using System.Net.Sockets;
using System.Text;
using Connectivity.Messaging.Http;
using Connectivity.Model.Connections;
using Connectivity.Model.Monitoring;
using Connectivity.Service.Clients;
using Connectivity.Service.Messaging;
using Connectivity.Service.Monitoring;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Connectivity.Service.Tests.Http;

public sealed class HttpPushClientTests
{
    private const string Password = "pa55word";

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    [InlineData(500)]
    public async Task HttpPushClient_should_connect_when_the_host_answers_with_a_non_authentication_status(int status)
    {
        await using var server = await LocalHttpServer.StartAsync(_ => status);
        await using var client = Create($"http://user:{Password}@127.0.0.1:{server.Port}/base");

        await client.ConnectAsync(CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(("HEAD", "/base"), (request.Method, request.Path));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"user:{Password}")), request.Authorization);
        var target = Assert.Single(client.TargetStatuses());
        Assert.Equal((ResourceType.Target, "node-1", "POST:/events", LiveStatus.Open), (target.Type, target.Client, target.Address, target.Status));
        Assert.Empty(client.SourceStatuses());
    }

    [Fact]
    public async Task HttpPushClient_should_fall_back_to_get_when_head_is_not_allowed()
    {
        await using var server = await LocalHttpServer.StartAsync(method => method == "HEAD" ? 405 : 200);
        await using var client = Create($"http://127.0.0.1:{server.Port}");

        await client.ConnectAsync(CancellationToken.None);

        Assert.Equal(["HEAD", "GET"], server.Requests.Select(r => r.Method));
        Assert.All(server.Requests, r => Assert.Null(r.Authorization));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task HttpPushClient_should_fail_as_unauthorized_when_the_host_rejects_the_credentials(int status)
    {
        await using var server = await LocalHttpServer.StartAsync(_ => status);
        await using var client = Create($"http://user:{Password}@127.0.0.1:{server.Port}");

        var failure = await Assert.ThrowsAsync<ConnectionFailureException>(() => client.ConnectAsync(CancellationToken.None));

        Assert.True(failure.IsUserIndicated);
        Assert.True(failure.IsAuthenticationFailure);
        Assert.Contains($"({status}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("user:*****@127.0.0.1", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpPushClient_should_fail_not_user_indicated_when_the_port_is_closed()
    {
        await using var client = Create($"http://user:{Password}@127.0.0.1:{ClosedPort()}");

        var failure = await Assert.ThrowsAsync<ConnectionFailureException>(() => client.ConnectAsync(CancellationToken.None));

        Assert.False(failure.IsUserIndicated);
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpPushClient_should_fail_user_indicated_when_the_host_cannot_be_resolved()
    {
        await using var client = Create("http://nonexistent.invalid:8080");

        var failure = await Assert.ThrowsAsync<ConnectionFailureException>(() => client.ConnectAsync(CancellationToken.None));

        Assert.True(failure.IsUserIndicated);
        Assert.False(failure.IsAuthenticationFailure);
        Assert.Contains("nonexistent.invalid", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpPushClientFactory_should_refuse_the_client_when_parallelism_is_not_positive()
    {
        var factory = new HttpPushClientFactory();
        var connection = Connection("http://127.0.0.1:8080") with { SpecificConfig = new Dictionary<string, string> { ["parallelism"] = "0" } };

        var failure = Assert.Throws<ConnectionFailureException>(() => factory.Create(connection, Context()));

        Assert.Equal(ConnectionType.HttpPush, factory.Type);
        Assert.True(failure.IsUserIndicated);
    }

    private static IConnectionClient Create(string uri) => new HttpPushClientFactory(TimeSpan.FromSeconds(5)).Create(Connection(uri), Context());

    private static Connection Connection(string uri) => new()
    {
        Id = "http-1",
        Type = ConnectionType.HttpPush,
        ConnectionStatus = ConnectivityStatus.Open,
        Uri = uri,
        Targets = [new Target { Address = "POST:/events" }],
    };

    private static ClientContext Context() =>
        new("http-1", 0, "node-1", NullLoggerFactory.Instance, TimeProvider.System, _ => { },
            new ConnectionLogger("http-1", new ConnectionLoggerOptions(), TimeProvider.System), new RejectingSink());

    /// <summary>http-push has no sources: nothing may arrive here.</summary>
    private sealed class RejectingSink : IInboundMessageSink
    {
        public ValueTask<InboundMessageOutcome> HandleAsync(ExternalMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("http-push consumed a message.");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
