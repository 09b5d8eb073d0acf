using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests;

/// <summary>Malformed, oversized, unauthenticated and misrouted requests: each gets Ditto's error answer and the server stays up.</summary>
public sealed class BadInputTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private HttpClient Client => fixture.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>After every bad request the server must still be healthy.</summary>
    public async Task DisposeAsync()
    {
        using var health = await fixture.Server.Anonymous.GetAsync(Route("/health"));
        Assert.True(health.StatusCode == HttpStatusCode.OK, fixture.Server.Output);
        Assert.True(fixture.Server.IsRunning, fixture.Server.Output);
    }

    [Theory]
    [InlineData("{\"connectionType\": ")]
    [InlineData("{not json}")]
    [InlineData("")]
    public async Task Post_should_answer_400_json_invalid_when_the_body_is_malformed_json(string body)
    {
        using var response = await Client.PostAsync(Route(ConnectionsPath), Text(body, "application/json"));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "json.invalid");
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task Post_should_answer_400_json_invalid_when_the_body_is_not_an_object(string body)
    {
        using var response = await Client.PostAsync(Route(ConnectionsPath), Text(body, "application/json"));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "json.invalid");
    }

    [Fact]
    public async Task Piggyback_should_answer_400_json_invalid_when_the_body_is_malformed_json()
    {
        using var response = await Client.PostAsync(Route(PiggybackPath), Text("{\"targetActorSelection\":", "application/json"));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "json.invalid");
    }

    [Fact]
    public async Task Put_should_answer_400_json_invalid_when_the_connection_status_is_unknown()
    {
        var body = ConnectionJson.HttpPush(null, "half-open", fixture.Sink.Uri);

        using var response = await Client.PutAsync(ConnectionPath(ConnectionJson.NewId("bad-status")), Json(body));

        var error = await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "json.invalid");
        Assert.Contains("half-open", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_should_answer_400_json_invalid_when_the_connection_type_is_unknown()
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);
        body["connectionType"] = "carrier-pigeon";

        using var response = await Client.PutAsync(ConnectionPath(ConnectionJson.NewId("bad-type")), Json(body));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "json.invalid");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_should_answer_415_mediatype_unsupported_when_the_content_type_is_not_json(string mediaType)
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri).ToJsonString();

        using var response = await Client.PostAsync(Route(ConnectionsPath), Text(body, mediaType));

        await response.ShouldBeErrorAsync(HttpStatusCode.UnsupportedMediaType, "mediatype.unsupported");
    }

    [Fact]
    public async Task Post_should_answer_415_mediatype_unsupported_when_there_is_no_content_type()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri).ToJsonString()));

        using var response = await Client.PostAsync(Route(ConnectionsPath), content);

        await response.ShouldBeErrorAsync(HttpStatusCode.UnsupportedMediaType, "mediatype.unsupported");
    }

    [Fact]
    public async Task Piggyback_should_answer_415_when_the_content_type_is_not_json()
    {
        using var response = await Client.PostAsync(Route(PiggybackPath),
            Text(Envelope(IdsRetrieval, Command("retrieveAllConnectionIds")).ToJsonString(), "text/plain"));

        await response.ShouldBeErrorAsync(HttpStatusCode.UnsupportedMediaType, "mediatype.unsupported");
    }

    [Fact]
    public async Task Post_should_answer_413_when_the_body_exceeds_256_KiB()
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);
        body["name"] = new string('x', 300 * 1024);

        using var response = await Client.PostAsync(Route(ConnectionsPath), Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose, "the connection is not reused after a refused body");
        var error = JsonNode.Parse(await response.BodyAsync())!.AsObject();
        Assert.Equal(413, error["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(error["error"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Post_should_answer_413_when_a_chunked_body_exceeds_256_KiB()
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);
        body["name"] = new string('y', 300 * 1024);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString())));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Route(ConnectionsPath)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_should_accept_a_body_just_under_the_limit()
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);
        body["name"] = new string('z', 200 * 1024);

        using var response = await Client.PostAsync(Route(ConnectionsPath), Json(body));

        await response.ShouldBeJsonObjectAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("bad%20id")]
    [InlineData("bad%2Fid")]
    [InlineData("bad.id")]
    [InlineData("b%C3%A4d")]
    public async Task Get_should_answer_400_id_invalid_when_the_path_id_is_invalid(string id)
    {
        using var response = await Client.GetAsync(Route($"{ConnectionsPath}/{id}"));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.id.invalid");
    }

    [Fact]
    public async Task Get_should_answer_400_id_invalid_when_the_path_id_is_longer_than_100_characters()
    {
        using var response = await Client.GetAsync(ConnectionPath(new string('a', 101)));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.id.invalid");
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("STATUS")]
    [InlineData("METRICS")]
    [InlineData("LOGS")]
    [InlineData("COMMAND")]
    public async Task Routes_should_answer_400_id_invalid_when_the_path_id_is_invalid(string route)
    {
        const string id = "bad%20id";
        using var request = route switch
        {
            "PUT" => new HttpRequestMessage(HttpMethod.Put, ConnectionPath(id)) { Content = Json(ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri)) },
            "DELETE" => new HttpRequestMessage(HttpMethod.Delete, ConnectionPath(id)),
            "COMMAND" => new HttpRequestMessage(HttpMethod.Post, ConnectionPath(id, "/command")) { Content = Text("connectivity.commands:openConnection") },
            _ => new HttpRequestMessage(HttpMethod.Get, ConnectionPath(id, "/" + route.ToLowerInvariant())),
        };

        using var response = await Client.SendAsync(request);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.id.invalid");
    }

    [Theory]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:8080/path?query=1")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("tcp://127.0.0.1:1883")]
    [InlineData("not a uri")]
    [InlineData("http://127.0.0.1:0")]
    public async Task Post_should_answer_400_uri_invalid_when_the_uri_is_invalid(string uri)
    {
        using var response = await Client.PostAsync(Route(ConnectionsPath), Json(ConnectionJson.HttpPush(null, "closed", uri)));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.uri.invalid");
    }

    [Fact]
    public async Task Piggyback_create_should_answer_inner_400_uri_invalid_when_the_uri_has_no_port()
    {
        var command = Command("createConnection");
        command["connection"] = ConnectionJson.HttpPush(ConnectionJson.NewId("pb-bad-uri"), "closed", "http://127.0.0.1");

        var answer = await Client.ConnectionCommandAsync(command);

        ShouldBeError(answer, 400, "connectivity:connection.uri.invalid");
    }

    [Theory]
    [InlineData("GET", "/api/2/connections")]
    [InlineData("POST", "/api/2/connections")]
    [InlineData("GET", "/api/2/connections/some-id/status")]
    [InlineData("POST", "/devops/piggyback/connectivity")]
    public async Task Requests_should_answer_401_with_the_devops_challenge_when_credentials_are_missing(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Route(path));
        if (method == "POST")
        {
            request.Content = Json(new JsonObject());
        }

        using var response = await fixture.Server.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.StartsWith("realm=\"DITTO-DEVOPS\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("devops", "wrong")]
    [InlineData("admin", "foobar")]
    [InlineData("devops", "")]
    [InlineData("devops", "foobar ")]
    public async Task Requests_should_answer_401_when_the_credentials_are_wrong(string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route(ConnectionsPath));
        request.Headers.Authorization = Basic(user, password);

        using var response = await fixture.Server.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Requests_should_answer_401_when_the_authorization_is_not_basic_base64()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route(ConnectionsPath));
        request.Headers.TryAddWithoutValidation("Authorization", "Basic %%%not-base64%%%");

        using var response = await fixture.Server.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_should_answer_200_when_no_credentials_are_sent()
    {
        using var response = await fixture.Server.Anonymous.GetAsync(Route("/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/2/nothing")]
    [InlineData("/api/2/connections/some-id/unknown")]
    [InlineData("/no/such/route")]
    public async Task Requests_should_answer_404_json_when_the_route_is_unknown(string path)
    {
        using var response = await Client.GetAsync(Route(path));

        var error = await response.ShouldBeJsonObjectAsync(HttpStatusCode.NotFound);
        Assert.Equal(404, error["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(error["error"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>()));
    }

    [Theory]
    [InlineData("PATCH", "/api/2/connections/some-id")]
    [InlineData("DELETE", "/api/2/connections")]
    [InlineData("GET", "/devops/piggyback/connectivity")]
    public async Task Requests_should_answer_405_json_when_the_method_is_not_allowed_on_a_known_route(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Route(path));

        using var response = await Client.SendAsync(request);

        var error = await response.ShouldBeJsonObjectAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(405, error["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(error["error"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Requests_should_answer_400_when_the_timeout_header_is_not_a_duration()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route(ConnectionsPath));
        request.Headers.TryAddWithoutValidation("timeout", "soon");

        using var response = await Client.SendAsync(request);

        var error = await response.ShouldBeJsonObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(400, error["status"]!.GetValue<int>());
    }
}
