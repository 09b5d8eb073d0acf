using System.Text;
using Connectivity.Messaging.Http;
using Connectivity.Model.Connections;
using Connectivity.Service.Clients;
using Connectivity.Service.Messaging;
using Connectivity.Service.Monitoring;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Connectivity.Service.Tests.Http;

/// <summary>Publishing of <c>http-push</c> connections (spec §8.4) against a local HTTP server.</summary>
public sealed class HttpPushPublisherTests
{
    private const string Password = "pa55word";

    [Fact]
    public async Task HttpPushPublisher_should_send_method_path_query_headers_and_body_when_publishing_to_a_target()
    {
        await using var server = await RecordingHttpServer.StartAsync();
        await using var client = await ConnectAsync($"http://user:{Password}@127.0.0.1:{server.Port}/base/");
        var message = Text("""{"temp":21.5}""", "application/json") with
        {
            Headers = new Dictionary<string, string>
            {
                ["correlation-id"] = "corr-1",
                ["X-Device"] = "d1",
                ["content-length"] = "9999",
                ["ditto-originator"] = "internal",
                ["Host"] = "elsewhere.example",
            },
        };

        var outcome = await client.Publisher!.PublishAsync(Request("POST:/ingest/org.acme:d1?source=mqtt", message), CancellationToken.None);
        var request = await server.NextAsync();

        Assert.Equal((true, 200), (outcome.Success, outcome.Status));
        Assert.Contains("POST", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(("POST", "/base/ingest/org.acme:d1", "?source=mqtt"), (request.Method, request.Path, request.Query));
        Assert.Equal("""{"temp":21.5}""", Encoding.UTF8.GetString(request.Body));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("13", request.Header("Content-Length"));
        Assert.Equal(("corr-1", "d1"), (request.Header("correlation-id"), request.Header("x-device")));
        Assert.Null(request.Header("ditto-originator"));
        Assert.Equal($"127.0.0.1:{server.Port}", request.Header("Host"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"user:{Password}")), request.Header("Authorization"));
    }

    [Fact]
    public async Task HttpPushPublisher_should_replace_path_and_query_and_not_send_them_when_http_path_and_http_query_are_set()
    {
        await using var server = await RecordingHttpServer.StartAsync();
        await using var client = await ConnectAsync($"{server.Uri}/base");
        var message = Text("x") with { Headers = new Dictionary<string, string> { ["http.path"] = "other/path", ["http.query"] = "a=1&b=two" } };

        var outcome = await client.Publisher!.PublishAsync(Request("PUT:/ignored?old=1", message), CancellationToken.None);
        var request = await server.NextAsync();

        Assert.True(outcome.Success);
        Assert.Equal(("PUT", "/other/path", "?a=1&b=two"), (request.Method, request.Path, request.Query));
        Assert.Null(request.Header("http.path"));
        Assert.Null(request.Header("http.query"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task HttpPushPublisher_should_send_no_body_when_the_method_is_omitted_by_default(string method)
    {
        await using var server = await RecordingHttpServer.StartAsync();
        await using var client = await ConnectAsync(server.Uri);

        var outcome = await client.Publisher!.PublishAsync(Request($"{method}:/things/d1", Text("payload", "text/plain")), CancellationToken.None);
        var request = await server.NextAsync();

        Assert.True(outcome.Success);
        Assert.Equal((method, "/things/d1"), (request.Method, request.Path));
        Assert.Empty(request.Body);
        Assert.Null(request.Header("Content-Type"));
    }

    [Fact]
    public async Task HttpPushPublisher_should_omit_the_body_of_exactly_the_configured_methods_when_omitRequestBody_is_set()
    {
        await using var server = await RecordingHttpServer.StartAsync();
        await using var client = await ConnectAsync(server.Uri, new Dictionary<string, string> { ["omitRequestBody"] = "PATCH" });

        await client.Publisher!.PublishAsync(Request("PATCH:/a", Text("patch body")), CancellationToken.None);
        var patch = await server.NextAsync();
        await client.Publisher!.PublishAsync(Request("DELETE:/b", Text("delete body")), CancellationToken.None);
        var delete = await server.NextAsync();

        Assert.Equal(("PATCH", 0), (patch.Method, patch.Body.Length));
        Assert.Equal(("DELETE", "delete body"), (delete.Method, Encoding.UTF8.GetString(delete.Body)));
    }

    [Fact]
    public async Task HttpPushPublisher_should_label_the_body_text_or_octet_stream_when_the_message_has_no_content_type()
    {
        await using var server = await RecordingHttpServer.StartAsync();
        await using var client = await ConnectAsync(server.Uri);

        await client.Publisher!.PublishAsync(Request("POST:/text", Text("plain")), CancellationToken.None);
        var text = await server.NextAsync();
        await client.Publisher!.PublishAsync(Request("POST:/bytes", new OutboundExternalMessage { BytePayload = new byte[] { 1, 2, 255 } }), CancellationToken.None);
        var bytes = await server.NextAsync();

        Assert.Equal("text/plain; charset=UTF-8", text.Header("Content-Type"));
        Assert.Equal("application/octet-stream", bytes.Header("Content-Type"));
        Assert.Equal(new byte[] { 1, 2, 255 }, bytes.Body);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task HttpPushPublisher_should_fail_with_the_status_and_a_body_excerpt_when_the_endpoint_answers_with_an_error(int status)
    {
        await using var server = await RecordingHttpServer.StartAsync();
        server.Answer = r => r.Method == "HEAD" ? (200, string.Empty) : (status, "no such thing\nhere " + new string('x', 500));
        await using var client = await ConnectAsync(server.Uri);

        var outcome = await client.Publisher!.PublishAsync(Request("POST:/ingest", Text("{}")), CancellationToken.None);

        Assert.Equal((false, status), (outcome.Success, outcome.Status));
        Assert.Contains($"POST http://127.0.0.1:{server.Port}/ingest answered {status}: no such thing here xxx", outcome.Detail, StringComparison.Ordinal);
        Assert.True(outcome.Detail.Length < 400, outcome.Detail);
    }

    [Fact]
    public async Task HttpPushPublisher_should_fail_with_503_when_the_endpoint_refuses_the_connection()
    {
        RecordingHttpServer server;
        IConnectionClient client;
        await using (server = await RecordingHttpServer.StartAsync())
        {
            client = await ConnectAsync(server.Uri);
        }

        await using (client)
        {
            var outcome = await client.Publisher!.PublishAsync(Request("POST:/ingest", Text("{}")), CancellationToken.None);

            Assert.Equal((false, 503), (outcome.Success, outcome.Status));
            Assert.Contains($"POST http://127.0.0.1:{server.Port}/ingest failed", outcome.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HttpPushPublisher_should_keep_at_most_parallelism_requests_in_flight_when_many_are_published_at_once()
    {
        await using var server = await RecordingHttpServer.StartAsync();
        await using var client = await ConnectAsync(server.Uri, new Dictionary<string, string> { ["parallelism"] = "2" });
        server.HoldRequests = true;

        var outcomes = Enumerable.Range(0, 6)
            .Select(i => client.Publisher!.PublishAsync(Request($"POST:/m/{i}", Text("{}")), CancellationToken.None).AsTask())
            .ToList();
        await server.NextAsync();
        await server.NextAsync();
        for (var i = 2; i < outcomes.Count; i++)
        {
            server.ReleaseOne();
            await server.NextAsync();
        }

        server.ReleaseOne();
        server.ReleaseOne();

        Assert.All(await Task.WhenAll(outcomes), o => Assert.True(o.Success));
        Assert.Equal(2, server.MaxInFlight);
        Assert.Equal(6, server.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task HttpPushPublisher_should_fail_with_400_when_the_address_is_no_http_target()
    {
        await using var server = await RecordingHttpServer.StartAsync();
        await using var client = await ConnectAsync(server.Uri);

        var outcome = await client.Publisher!.PublishAsync(Request("SEND:/x", Text("{}")), CancellationToken.None);

        Assert.Equal((false, 400), (outcome.Success, outcome.Status));
        Assert.Contains("SEND:/x", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.Method != "HEAD");
    }

    [Fact]
    public async Task HttpPushClient_should_offer_a_publisher_only_while_connected()
    {
        await using var server = await RecordingHttpServer.StartAsync();
        await using var client = Create(server.Uri);
        var before = client.Publisher;

        await client.ConnectAsync(CancellationToken.None);
        var connected = client.Publisher;
        await client.DisconnectAsync(CancellationToken.None);

        Assert.Null(before);
        Assert.NotNull(connected);
        Assert.Null(client.Publisher);
    }

    private static PublishRequest Request(string address, OutboundExternalMessage message) =>
        new(new Target { Address = address }, address, message);

    private static OutboundExternalMessage Text(string payload, string? contentType = null) =>
        new() { TextPayload = payload, ContentType = contentType };

    private static async Task<IConnectionClient> ConnectAsync(string uri, IReadOnlyDictionary<string, string>? specificConfig = null)
    {
        var client = Create(uri, specificConfig);
        await client.ConnectAsync(CancellationToken.None);
        return client;
    }

    private static IConnectionClient Create(string uri, IReadOnlyDictionary<string, string>? specificConfig = null)
    {
        var connection = new Connection
        {
            Id = "http-1",
            Type = ConnectionType.HttpPush,
            ConnectionStatus = ConnectivityStatus.Open,
            Uri = uri,
            Targets = [new Target { Address = "POST:/ingest" }],
            SpecificConfig = specificConfig ?? new Dictionary<string, string>(),
        };
        var context = new ClientContext(
            "http-1", 0, "node-1", NullLoggerFactory.Instance, TimeProvider.System, _ => { },
            new ConnectionLogger("http-1", new ConnectionLoggerOptions(), TimeProvider.System), new NoInboundSink());
        return new HttpPushClientFactory(TimeSpan.FromSeconds(5)).Create(connection, context);
    }

    /// <summary>http-push has no sources: nothing may arrive here.</summary>
    private sealed class NoInboundSink : IInboundMessageSink
    {
        public ValueTask<InboundMessageOutcome> HandleAsync(ExternalMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("http-push consumed a message.");
    }
}
