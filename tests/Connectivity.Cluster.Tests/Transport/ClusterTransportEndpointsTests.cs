using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Connectivity.Cluster.Transport;
using Xunit;

namespace Connectivity.Cluster.Tests.Transport;

public sealed class ClusterTransportEndpointsTests : IAsyncLifetime
{
    private const string PingBody = """{"recipient":"/user/echo","typeId":"test:ping","message":{"text":"raw"}}""";

    private static readonly HttpClient H2c = new(new SocketsHttpHandler());

    private static readonly HttpClient Http11 = new();
    private TransportTestNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await TransportTestNode.StartAsync("node");
        _node.System.ActorOf(LambdaActor.Echo(), "echo");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Ask_should_answer_reply_over_HTTP2_when_request_is_valid()
    {
        using var response = await H2c.SendAsync(Post(_node.Address + "/cluster/v1/ask?timeoutMs=5000", PingBody, "s3cret"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("test:pong", (string?)reply["typeId"]);
        Assert.Equal("raw", (string?)reply["message"]!["text"]);
    }

    [Fact]
    public async Task Tell_should_answer_202_when_request_is_valid()
    {
        using var response = await H2c.SendAsync(Post(_node.Address + "/cluster/v1/tell", PingBody, "s3cret"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Endpoints_should_answer_401_when_secret_is_missing_or_wrong(string? secret)
    {
        using var tell = await H2c.SendAsync(Post(_node.Address + "/cluster/v1/tell", PingBody, secret));
        using var ask = await H2c.SendAsync(Post(_node.Address + "/cluster/v1/ask", PingBody, secret));

        Assert.Equal(HttpStatusCode.Unauthorized, tell.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ask.StatusCode);
    }

    [Fact]
    public async Task Endpoints_should_answer_404_when_reached_through_public_port()
    {
        using var health = await Http11.GetAsync(new Uri(_node.PublicAddress + "/health"));
        using var tell = await Http11.SendAsync(Post(_node.PublicAddress + "/cluster/v1/tell", PingBody, "s3cret", HttpVersion.Version11));
        using var ask = await Http11.SendAsync(Post(_node.PublicAddress + "/cluster/v1/ask", PingBody, "s3cret", HttpVersion.Version11));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tell.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ask.StatusCode);
    }

    [Fact]
    public async Task Internal_port_should_refuse_request_when_it_is_HTTP11()
    {
        using var response = await Http11.SendAsync(Post(_node.Address + "/cluster/v1/tell", PingBody, "s3cret", HttpVersion.Version11));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    [Fact]
    public async Task Tell_should_answer_404_with_error_when_recipient_is_unknown()
    {
        var body = """{"recipient":"/user/ghost","typeId":"test:ping","message":{"text":"x"}}""";

        using var response = await H2c.SendAsync(Post(_node.Address + "/cluster/v1/tell", body, "s3cret"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(ClusterTransportException.RecipientNotFound, (string?)error["error"]);
    }

    [Theory]
    [InlineData("""{"recipient":"/user/echo","typeId":"test:unknown","message":{}}""")]
    [InlineData("""{"recipient":"/user/echo","typeId":"test:ping","message":{"text":1}}""")]
    [InlineData("""{"recipient":"user/echo","typeId":"test:ping","message":{"text":"x"}}""")]
    [InlineData("""{"recipient":"/user/echo","typeId":"test:ping","message":{"text":"x"},"sender":"no-bar"}""")]
    [InlineData("not json")]
    public async Task Tell_should_answer_400_when_body_cannot_be_read(string body)
    {
        using var response = await H2c.SendAsync(Post(_node.Address + "/cluster/v1/tell", body, "s3cret"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ClusterTransportException.BadRequest, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task Ask_should_answer_400_when_timeoutMs_is_not_positive()
    {
        using var response = await H2c.SendAsync(Post(_node.Address + "/cluster/v1/ask?timeoutMs=-5", PingBody, "s3cret"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Ask_should_answer_504_when_local_ask_times_out()
    {
        _node.System.ActorOf(LambdaActor.Props((_, _, _) => { }), "silent");
        var body = """{"recipient":"/user/silent","typeId":"test:ping","message":{"text":"x"}}""";

        using var response = await H2c.SendAsync(Post(_node.Address + "/cluster/v1/ask?timeoutMs=100", body, "s3cret"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    /// <summary>A POST with exactly <paramref name="version"/> (HTTP/2 prior knowledge unless told otherwise).</summary>
    private static HttpRequestMessage Post(string url, string body, string? secret, Version? version = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Cluster-Secret", secret);
        }

        return request;
    }
}
