using System.Net;
using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests;

/// <summary>The REST API <c>/api/2/connections</c> of a running server: spec §2 and the conformance list §10 (items 1–16).</summary>
public sealed class ConnectionsApiTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan StatusDeadline = TimeSpan.FromSeconds(20);

    private HttpClient Client => fixture.Client;

    private async Task<HttpResponseMessage> PostAsync(JsonNode body, string query = "") =>
        await Client.PostAsync(Route(ConnectionsPath + query), Json(body));

    private async Task<string> PutClosedAsync(string prefix, params string[] tags)
    {
        var id = ConnectionJson.NewId(prefix);
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri, tags));
        return id;
    }

    private async Task<HttpResponseMessage> SendCommandAsync(string id, string text, string mediaType = "text/plain") =>
        await Client.PostAsync(ConnectionPath(id, "/command"), Text(text, mediaType));

    private Task<(JsonObject Value, TimeSpan Elapsed)> StatusUntilAsync(string id, string liveStatus) =>
        Eventually.UntilAsync(
            () => Client.GetJsonObjectAsync(ConnectionPath(id, "/status")),
            status => status["liveStatus"]?.GetValue<string>() == liveStatus,
            StatusDeadline,
            status => status.ToJsonString());

    // §10.1
    [Fact]
    public async Task Post_should_answer_201_with_defaults_and_a_location_when_the_body_has_no_id()
    {
        using var response = await PostAsync(ConnectionJson.HttpPush(null, "open", fixture.Sink.Uri));

        var connection = await response.ShouldBeJsonObjectAsync(HttpStatusCode.Created);
        var id = connection["id"]!.GetValue<string>();
        Assert.True(Guid.TryParse(id, out _), id);
        Assert.EndsWith($"/api/2/connections/{id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.True(connection.ContainsKey("name") && connection["name"] is null, connection.ToJsonString());
        Assert.Equal(1, connection["clientCount"]!.GetValue<int>());
        Assert.True(connection["failoverEnabled"]!.GetValue<bool>());
        Assert.True(connection["validateCertificates"]!.GetValue<bool>());
        Assert.Equal(1, connection["processorPoolSize"]!.GetValue<int>());
        Assert.Empty(Assert.IsType<JsonArray>(connection["tags"]));
        Assert.False(connection.ContainsKey("_revision"));
    }

    // §10.1 (sources of a type with headers)
    [Fact]
    public async Task Post_should_add_the_reply_target_defaults_to_sources_when_the_type_has_headers()
    {
        using var response = await PostAsync(ConnectionJson.AmqpWithSource(null));

        var connection = await response.ShouldBeJsonObjectAsync(HttpStatusCode.Created);
        var source = Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonArray>(connection["sources"])));
        var headerMapping = Assert.IsType<JsonObject>(source["headerMapping"]);
        Assert.Equal("{{header:correlation-id}}", headerMapping["correlation-id"]!.GetValue<string>());
        Assert.Equal("{{header:content-type}}", headerMapping["content-type"]!.GetValue<string>());
        Assert.Equal("{{header:reply-to}}", headerMapping["reply-to"]!.GetValue<string>());
        var replyTarget = Assert.IsType<JsonObject>(source["replyTarget"]);
        Assert.True(replyTarget["enabled"]!.GetValue<bool>());
        Assert.Equal("{{header:reply-to}}", replyTarget["address"]!.GetValue<string>());
        Assert.Equal(["response", "error"], Strings(replyTarget["expectedResponseTypes"]));
    }

    // §10.2
    [Fact]
    public async Task Post_should_answer_400_id_notsettable_when_the_body_has_an_id()
    {
        using var response = await PostAsync(ConnectionJson.HttpPush("chosen-id", "closed", fixture.Sink.Uri));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:id.notsettable");
    }

    // §10.3
    [Fact]
    public async Task Post_should_store_status_unknown_when_the_body_has_no_connection_status()
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);
        body.Remove("connectionStatus");

        using var response = await PostAsync(body);

        var connection = await response.ShouldBeJsonObjectAsync(HttpStatusCode.Created);
        Assert.Equal("unknown", connection["connectionStatus"]!.GetValue<string>());
        var stored = await Client.GetJsonObjectAsync(ConnectionPath(connection["id"]!.GetValue<string>()));
        Assert.Equal("unknown", stored["connectionStatus"]!.GetValue<string>());
    }

    // §10.4
    [Fact]
    public async Task Post_should_answer_400_configuration_invalid_when_there_are_no_sources_and_no_targets()
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);
        body["targets"] = new JsonArray();

        using var response = await PostAsync(body);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.configuration.invalid");
    }

    // §10.5
    [Fact]
    public async Task Post_should_answer_400_naming_the_target_when_a_target_has_no_authorization_context()
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);
        var target = ConnectionJson.Target("POST:/no-auth-context");
        target.Remove("authorizationContext");
        body["targets"] = new JsonArray(target);

        using var response = await PostAsync(body);

        var error = await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.configuration.invalid");
        Assert.Contains("POST:/no-auth-context", error.ToJsonString(), StringComparison.Ordinal);
    }

    // §10.6
    [Fact]
    public async Task Post_should_answer_400_when_an_mqtt_source_has_no_qos()
    {
        var body = new JsonObject
        {
            ["connectionType"] = "mqtt",
            ["connectionStatus"] = "closed",
            ["uri"] = "tcp://127.0.0.1:1883",
            ["sources"] = new JsonArray(new JsonObject
            {
                ["addresses"] = new JsonArray("telemetry/#"),
                ["authorizationContext"] = new JsonArray("integration:tests"),
            }),
        };

        using var response = await PostAsync(body);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.configuration.invalid");
    }

    // §10.6
    [Fact]
    public async Task Post_should_answer_400_when_an_mqtt_connection_has_two_clients()
    {
        var body = new JsonObject
        {
            ["connectionType"] = "mqtt",
            ["connectionStatus"] = "closed",
            ["uri"] = "tcp://127.0.0.1:1883",
            ["clientCount"] = 2,
            ["sources"] = new JsonArray(new JsonObject
            {
                ["addresses"] = new JsonArray("telemetry/#"),
                ["qos"] = 1,
                ["authorizationContext"] = new JsonArray("integration:tests"),
            }),
        };

        using var response = await PostAsync(body);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.configuration.invalid");
    }

    // §10.7
    [Fact]
    public async Task Post_should_answer_400_when_an_http_push_connection_has_a_source()
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);
        body["sources"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray("/in"),
            ["authorizationContext"] = new JsonArray("integration:tests"),
        });

        using var response = await PostAsync(body);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.configuration.invalid");
    }

    // §10.7
    [Fact]
    public async Task Post_should_answer_400_when_an_http_push_target_has_an_unknown_verb()
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);
        body["targets"] = new JsonArray(ConnectionJson.Target("FOO:/x"));

        using var response = await PostAsync(body);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.configuration.invalid");
    }

    // §10.8
    [Fact]
    public async Task Post_should_answer_400_uri_invalid_when_a_kafka_connection_uses_the_http_scheme()
    {
        var body = new JsonObject
        {
            ["connectionType"] = "kafka",
            ["connectionStatus"] = "closed",
            ["uri"] = "http://127.0.0.1:9092",
            ["specificConfig"] = new JsonObject { ["bootstrapServers"] = "127.0.0.1:9092" },
            ["targets"] = new JsonArray(ConnectionJson.Target("events")),
        };

        using var response = await PostAsync(body);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.uri.invalid");
    }

    // §10.9
    [Fact]
    public async Task Post_should_answer_400_when_there_are_five_sources()
    {
        var body = ConnectionJson.AmqpWithSource(null);
        body["sources"] = new JsonArray(Enumerable.Range(1, 5).Select(i => (JsonNode)new JsonObject
        {
            ["addresses"] = new JsonArray($"queue-{i}"),
            ["authorizationContext"] = new JsonArray("integration:tests"),
        }).ToArray());

        using var response = await PostAsync(body);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.configuration.invalid");
    }

    // §10.10
    [Fact]
    public async Task Put_should_answer_201_then_204_when_the_id_is_new_then_known()
    {
        var id = ConnectionJson.NewId("put");
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);

        using var created = await Client.PutAsync(ConnectionPath(id), Json(body));
        var connection = await created.ShouldBeJsonObjectAsync(HttpStatusCode.Created);
        Assert.Equal(id, connection["id"]!.GetValue<string>());
        Assert.EndsWith($"/api/2/connections/{id}", created.Headers.Location!.ToString(), StringComparison.Ordinal);

        body["name"] = "second put";
        using var modified = await Client.PutAsync(ConnectionPath(id), Json(body));
        Assert.Equal(HttpStatusCode.NoContent, modified.StatusCode);
        Assert.Empty(await modified.BodyAsync());
        var stored = await Client.GetJsonObjectAsync(ConnectionPath(id));
        Assert.Equal("second put", stored["name"]!.GetValue<string>());
    }

    // §10.10
    [Fact]
    public async Task Put_should_answer_400_when_the_connection_type_changes()
    {
        var id = ConnectionJson.NewId("put-type");
        await Client.PutNewAsync(ConnectionJson.AmqpWithSource(id));
        var other = ConnectionJson.AmqpWithSource(id);
        other["connectionType"] = "amqp-10";

        using var response = await Client.PutAsync(ConnectionPath(id), Json(other));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.configuration.invalid");
        var stored = await Client.GetJsonObjectAsync(ConnectionPath(id));
        Assert.Equal("amqp-091", stored["connectionType"]!.GetValue<string>());
    }

    // §10.10
    [Fact]
    public async Task Put_should_answer_400_id_notsettable_when_the_body_id_differs_from_the_path()
    {
        var id = ConnectionJson.NewId("put-id");

        using var response = await Client.PutAsync(ConnectionPath(id), Json(ConnectionJson.HttpPush("another-id", "closed", fixture.Sink.Uri)));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:id.notsettable");
        using var get = await Client.GetAsync(ConnectionPath(id));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    // §2.5
    [Fact]
    public async Task Put_should_answer_400_json_field_missing_when_the_uri_is_missing()
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);
        body.Remove("uri");

        using var response = await Client.PutAsync(ConnectionPath(ConnectionJson.NewId("put-no-uri")), Json(body));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "json.field.missing");
    }

    // §10.11
    [Fact]
    public async Task Get_should_answer_only_the_selected_fields_and_an_etag_when_fields_are_given()
    {
        var id = await PutClosedAsync("fields");

        using var response = await Client.GetAsync(Route($"{ConnectionsPath}/{id}?fields=id,_revision"));

        var connection = await response.ShouldBeJsonObjectAsync(HttpStatusCode.OK);
        Assert.Equal(["_revision", "id"], connection.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(1, connection["_revision"]!.GetValue<long>());
        Assert.Equal("\"rev:1\"", response.Headers.ETag?.ToString());
    }

    // §2.6
    [Fact]
    public async Task Get_should_not_answer_hidden_fields_when_no_fields_are_selected()
    {
        var id = await PutClosedAsync("hidden");

        var connection = await Client.GetJsonObjectAsync(ConnectionPath(id));

        Assert.False(connection.ContainsKey("_revision"));
        Assert.False(connection.ContainsKey("_created"));
        Assert.False(connection.ContainsKey("_modified"));
        Assert.Equal(id, connection["id"]!.GetValue<string>());
    }

    // §10.11
    [Fact]
    public async Task Get_should_answer_304_when_if_none_match_equals_the_etag()
    {
        var id = await PutClosedAsync("etag");
        using var first = await Client.GetAsync(ConnectionPath(id));
        var etag = first.Headers.ETag!.ToString();

        using var request = new HttpRequestMessage(HttpMethod.Get, ConnectionPath(id));
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.BodyAsync());
    }

    // §2.5
    [Fact]
    public async Task Put_should_answer_412_and_keep_the_connection_when_if_match_does_not_match()
    {
        var id = await PutClosedAsync("if-match");
        var body = ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri);
        body["name"] = "must not be stored";

        using var request = new HttpRequestMessage(HttpMethod.Put, ConnectionPath(id)) { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"rev:42\"");
        using var response = await Client.SendAsync(request);

        await response.ShouldBeErrorAsync(HttpStatusCode.PreconditionFailed, "connectivity:precondition.failed");
        var stored = await Client.GetJsonObjectAsync(ConnectionPath(id));
        Assert.Null(stored["name"]);
    }

    // §2.5
    [Fact]
    public async Task Put_should_answer_204_when_if_match_equals_the_etag()
    {
        var id = await PutClosedAsync("if-match-ok");
        var body = ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri);

        using var request = new HttpRequestMessage(HttpMethod.Put, ConnectionPath(id)) { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"rev:1\"");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    // §10.12
    [Fact]
    public async Task Command_should_answer_400_command_invalid_when_the_text_is_unknown()
    {
        var id = await PutClosedAsync("cmd-unknown");

        using var response = await SendCommandAsync(id, "connectivity.commands:foo");

        var error = await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:command.invalid");
        Assert.Contains("connectivity.commands:foo", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // §10.12
    [Fact]
    public async Task Command_should_answer_415_when_the_content_type_is_json()
    {
        var id = await PutClosedAsync("cmd-json");

        using var response = await SendCommandAsync(id, "\"connectivity.commands:openConnection\"", "application/json");

        await response.ShouldBeErrorAsync(HttpStatusCode.UnsupportedMediaType, "mediatype.unsupported");
    }

    // §2.8
    [Fact]
    public async Task Command_should_open_and_close_the_connection_when_the_text_names_open_and_close()
    {
        var id = await PutClosedAsync("cmd-open-close");

        using var open = await SendCommandAsync(id, "connectivity.commands:openConnection");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Empty(await open.BodyAsync());
        var (opened, took) = await StatusUntilAsync(id, "open");
        output.WriteLine($"open after {took.TotalMilliseconds:0} ms");
        Assert.Equal("open", opened["connectionStatus"]!.GetValue<string>());

        using var close = await SendCommandAsync(id, "connectivity.commands:closeConnection");
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var closed = await Client.GetJsonObjectAsync(ConnectionPath(id, "/status"));
        Assert.Equal("closed", closed["liveStatus"]!.GetValue<string>());
        Assert.Equal("closed", (await Client.GetJsonObjectAsync(ConnectionPath(id)))["connectionStatus"]!.GetValue<string>());
    }

    // §2.8
    [Theory]
    [InlineData("connectivity.commands:resetConnectionMetrics")]
    [InlineData("connectivity.commands:enableConnectionLogs")]
    [InlineData("connectivity.commands:resetConnectionLogs")]
    public async Task Command_should_answer_200_empty_when_the_text_is_a_monitoring_command(string text)
    {
        var id = ConnectionJson.NewId("cmd-monitoring");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "open", fixture.Sink.Uri));

        using var response = await SendCommandAsync(id, text);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.BodyAsync());
        Assert.Empty(await response.BodyAsync());
    }

    // §2.8
    [Fact]
    public async Task Command_should_answer_404_when_the_connection_does_not_exist()
    {
        using var response = await SendCommandAsync(ConnectionJson.NewId("cmd-missing"), "connectivity.commands:openConnection");

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, "connectivity:connection.notfound");
    }

    // §10.13
    [Fact]
    public async Task Status_should_answer_closed_with_one_client_entry_when_the_connection_is_closed()
    {
        var id = await PutClosedAsync("status-closed");

        var status = await Client.GetJsonObjectAsync(ConnectionPath(id, "/status"));

        ShouldBeResponse(status, "retrieveConnectionStatus", 200);
        Assert.Equal(id, status["connectionId"]!.GetValue<string>());
        Assert.Equal("closed", status["connectionStatus"]!.GetValue<string>());
        Assert.Equal("closed", status["liveStatus"]!.GetValue<string>());
        Assert.Equal("unknown", status["recoveryStatus"]!.GetValue<string>());
        Assert.False(status.ContainsKey("connectedSince"));
        var client = Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonArray>(status["clientStatus"])));
        Assert.Equal("client", client["type"]!.GetValue<string>());
        Assert.Equal("closed", client["status"]!.GetValue<string>());
        Assert.Contains("DISCONNECTED", client["statusDetails"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(client.ContainsKey("inStateSince"));
    }

    // Status of an open connection whose target answers.
    [Fact]
    public async Task Status_should_become_open_when_the_connection_is_open_and_the_target_answers()
    {
        var id = ConnectionJson.NewId("status-open");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "open", fixture.Sink.Uri));

        var (status, took) = await StatusUntilAsync(id, "open");

        output.WriteLine($"liveStatus open after {took.TotalMilliseconds:0} ms");
        Assert.Equal("open", status["connectionStatus"]!.GetValue<string>());
        Assert.Equal("succeeded", status["recoveryStatus"]!.GetValue<string>());
        Assert.True(status.ContainsKey("connectedSince"), status.ToJsonString());
        var client = Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonArray>(status["clientStatus"])));
        Assert.Equal("open", client["status"]!.GetValue<string>());
        Assert.True(fixture.Sink.Requests > 0);
    }

    // Status and logs of an open connection whose target rejects the credentials.
    [Fact]
    public async Task Status_should_become_misconfigured_with_the_reason_in_the_logs_when_the_target_answers_401()
    {
        var id = ConnectionJson.NewId("status-401");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "open", fixture.UnauthorizedSink.Uri.Replace("http://", "http://user:wrong@", StringComparison.Ordinal)));

        var (status, took) = await StatusUntilAsync(id, "misconfigured");

        output.WriteLine($"liveStatus misconfigured after {took.TotalMilliseconds:0} ms: {status.ToJsonString()}");
        var (logs, _) = await Eventually.UntilAsync(
            () => Client.GetJsonObjectAsync(ConnectionPath(id, "/logs")),
            l => l["connectionLogs"] is JsonArray { Count: > 0 },
            StatusDeadline,
            l => l.ToJsonString());
        var failures = Assert.IsType<JsonArray>(logs["connectionLogs"]).OfType<JsonObject>()
            .Where(e => e["level"]?.GetValue<string>() == "failure")
            .ToList();
        Assert.True(failures.Count > 0, logs.ToJsonString());
        Assert.Contains(failures, e => e["message"]!.GetValue<string>().Contains("401", StringComparison.Ordinal)
            || e["message"]!.GetValue<string>().Contains("nauthorized", StringComparison.Ordinal)
            || e["message"]!.GetValue<string>().Contains("credentials", StringComparison.OrdinalIgnoreCase));
        Assert.All(failures, e => Assert.Equal("connection", e["category"]!.GetValue<string>()));
        Assert.DoesNotContain("wrong", logs.ToJsonString(), StringComparison.Ordinal);
    }

    // Status of an open connection whose target port is closed.
    [Fact]
    public async Task Status_should_become_failed_when_the_target_refuses_the_connection()
    {
        var id = ConnectionJson.NewId("status-refused");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "open", $"http://127.0.0.1:{ServerProcess.FreeLoopbackPort()}"));

        var (status, took) = await StatusUntilAsync(id, "failed");

        output.WriteLine($"liveStatus failed after {took.TotalMilliseconds:0} ms: {status.ToJsonString()}");
        Assert.Equal("open", status["connectionStatus"]!.GetValue<string>());
    }

    // §10.14
    [Fact]
    public async Task Logs_should_answer_an_empty_list_with_null_timestamps_when_logging_is_disabled()
    {
        var id = await PutClosedAsync("logs-disabled");

        using var response = await Client.GetAsync(ConnectionPath(id, "/logs"));

        var logs = await response.ShouldBeJsonObjectAsync(HttpStatusCode.OK);
        Assert.Equal(["connectionId", "connectionLogs", "enabledSince", "enabledUntil"], logs.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(id, logs["connectionId"]!.GetValue<string>());
        Assert.Empty(Assert.IsType<JsonArray>(logs["connectionLogs"]));
        Assert.Null(logs["enabledSince"]);
        Assert.Null(logs["enabledUntil"]);
    }

    // §10.15
    [Fact]
    public async Task Metrics_should_answer_null_inbound_and_no_failures_when_the_connection_is_closed()
    {
        var id = await PutClosedAsync("metrics-closed");

        var metrics = await Client.GetJsonObjectAsync(ConnectionPath(id, "/metrics"));

        ShouldBeResponse(metrics, "retrieveConnectionMetrics", 200);
        Assert.Equal(id, metrics["connectionId"]!.GetValue<string>());
        var connectionMetrics = Assert.IsType<JsonObject>(metrics["connectionMetrics"]);
        Assert.True(connectionMetrics.ContainsKey("inbound") && connectionMetrics["inbound"] is null, metrics.ToJsonString());
        Assert.False(metrics["containsFailures"]!.GetValue<bool>());
    }

    // §10.16
    [Fact]
    public async Task Delete_should_answer_204_then_get_404_and_piggyback_create_201_when_the_connection_existed()
    {
        var id = await PutClosedAsync("delete");

        using var delete = await Client.DeleteAsync(ConnectionPath(id));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(await delete.BodyAsync());

        using var get = await Client.GetAsync(ConnectionPath(id));
        await get.ShouldBeErrorAsync(HttpStatusCode.NotFound, "connectivity:connection.notfound");

        var create = Command("createConnection");
        create["connection"] = ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri);
        ShouldBeResponse(await Client.ConnectionCommandAsync(create), "createConnection", 201);
        Assert.Equal(id, (await Client.GetJsonObjectAsync(ConnectionPath(id)))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_should_answer_404_when_the_connection_does_not_exist()
    {
        using var delete = await Client.DeleteAsync(ConnectionPath(ConnectionJson.NewId("delete-missing")));

        await delete.ShouldBeErrorAsync(HttpStatusCode.NotFound, "connectivity:connection.notfound");
    }

    // §2.4
    [Fact]
    public async Task DryRun_should_answer_200_empty_and_store_nothing_when_the_target_answers()
    {
        var before = await ListIdsAsync();

        using var response = await PostAsync(ConnectionJson.HttpPush(null, "open", fixture.Sink.Uri), "?dry-run=true");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.BodyAsync());
        Assert.Empty(await response.BodyAsync());
        var after = await ListIdsAsync();
        Assert.DoesNotContain(after.Except(before), id => id.EndsWith("-dry-run", StringComparison.Ordinal));
    }

    // §2.4
    [Fact]
    public async Task DryRun_should_answer_504_connection_failed_when_the_target_port_is_closed()
    {
        var uri = $"http://127.0.0.1:{ServerProcess.FreeLoopbackPort()}";

        using var response = await PostAsync(ConnectionJson.HttpPush(null, "open", uri), "?dry-run=true");

        await response.ShouldBeErrorAsync(HttpStatusCode.GatewayTimeout, "connectivity:connection.failed");
    }

    // §2.4
    [Fact]
    public async Task DryRun_should_answer_400_when_the_connection_is_invalid()
    {
        var body = ConnectionJson.HttpPush(null, "open", fixture.Sink.Uri);
        body["targets"] = new JsonArray(ConnectionJson.Target("FOO:/x"));

        using var response = await PostAsync(body, "?dry-run=true");

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.configuration.invalid");
    }

    // §2.2
    [Fact]
    public async Task List_should_answer_the_connections_in_id_order_when_no_parameter_is_given()
    {
        var first = await PutClosedAsync("list");
        var second = await PutClosedAsync("list");

        using var response = await Client.GetAsync(Route(ConnectionsPath));

        var connections = await response.ShouldBeJsonArrayAsync(HttpStatusCode.OK);
        var ids = connections.Select(c => c!["id"]!.GetValue<string>()).ToArray();
        Assert.Contains(first, ids);
        Assert.Contains(second, ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal).ToArray(), ids);
        Assert.All(connections, c => Assert.True(c!.AsObject().ContainsKey("connectionType")));
    }

    // §2.2
    [Fact]
    public async Task List_should_answer_only_ids_when_ids_only_is_true()
    {
        var id = await PutClosedAsync("ids-only");

        var ids = await ListIdsAsync();

        Assert.Contains(id, ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal).ToArray(), ids);
    }

    // §2.2
    [Fact]
    public async Task List_should_answer_only_ids_when_the_only_field_is_id()
    {
        var id = await PutClosedAsync("fields-id");

        using var response = await Client.GetAsync(Route($"{ConnectionsPath}?fields=id"));

        var ids = await response.ShouldBeJsonArrayAsync(HttpStatusCode.OK);
        Assert.Contains(id, Strings(ids));
    }

    // §2.2
    [Fact]
    public async Task List_should_answer_the_selected_fields_when_fields_are_given()
    {
        var id = await PutClosedAsync("list-fields");

        using var response = await Client.GetAsync(Route($"{ConnectionsPath}?fields=id,connectionStatus"));

        var connections = await response.ShouldBeJsonArrayAsync(HttpStatusCode.OK);
        var mine = Assert.Single(connections, c => c!["id"]!.GetValue<string>() == id)!.AsObject();
        Assert.Equal(["connectionStatus", "id"], mine.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
    }

    private async Task<string[]> ListIdsAsync()
    {
        using var response = await Client.GetAsync(Route($"{ConnectionsPath}?ids-only=true"));
        return Strings(await response.ShouldBeJsonArrayAsync(HttpStatusCode.OK));
    }
}
