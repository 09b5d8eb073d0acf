using System.Net;
using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests;

/// <summary>Lifecycle details of spec §2 and §4 observed over HTTP: open/modify failures, logging, status resources, preconditions.</summary>
public sealed class ConnectionLifecycleTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private HttpClient Client => fixture.Client;

    private string RefusedUri => $"http://127.0.0.1:{ServerProcess.FreeLoopbackPort()}";

    private Task<(JsonObject Value, TimeSpan Elapsed)> StatusUntilAsync(string id, string liveStatus) =>
        Eventually.UntilAsync(
            () => Client.GetJsonObjectAsync(ConnectionPath(id, "/status")),
            status => status["liveStatus"]?.GetValue<string>() == liveStatus,
            Deadline,
            status => status.ToJsonString());

    // §3.5: an open connection reports its targets too.
    [Fact]
    public async Task Status_should_list_the_target_as_open_when_the_connection_is_open()
    {
        var id = ConnectionJson.NewId("target-status");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "open", fixture.Sink.Uri));

        var (status, _) = await StatusUntilAsync(id, "open");

        var target = Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonArray>(status["targetStatus"])));
        Assert.Equal("target", target["type"]!.GetValue<string>());
        Assert.Equal("POST:/events", target["address"]!.GetValue<string>());
        Assert.Equal("open", target["status"]!.GetValue<string>());
        Assert.Equal(fixture.Server.InstanceId, target["client"]!.GetValue<string>());
    }

    // §5.2: create/open automatically enable logging.
    [Fact]
    public async Task Logs_should_be_enabled_when_the_connection_was_created_open()
    {
        var id = ConnectionJson.NewId("logs-auto");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "open", fixture.Sink.Uri));

        var logs = await Client.GetJsonObjectAsync(ConnectionPath(id, "/logs"));

        var since = DateTimeOffset.Parse(logs["enabledSince"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var until = DateTimeOffset.Parse(logs["enabledUntil"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"logging enabled for {until - since}");
        Assert.True(until - since >= TimeSpan.FromMinutes(59), logs.ToJsonString());
    }

    // §5.2: reset clears the entries.
    [Fact]
    public async Task ResetConnectionLogs_should_clear_the_entries_when_a_connect_failure_was_logged()
    {
        var id = ConnectionJson.NewId("logs-reset");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "open", RefusedUri));
        await Eventually.UntilAsync(
            () => Client.GetJsonObjectAsync(ConnectionPath(id, "/logs")),
            l => l["connectionLogs"] is JsonArray { Count: > 0 },
            Deadline,
            l => l.ToJsonString());

        using var reset = await Client.PostAsync(ConnectionPath(id, "/command"), Text("connectivity.commands:resetConnectionLogs"));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        var logs = await Client.GetJsonObjectAsync(ConnectionPath(id, "/logs"));
        Assert.Empty(Assert.IsType<JsonArray>(logs["connectionLogs"]));
    }

    // §4.2 open: connect failure ⇒ error response, desired status stays open.
    [Fact]
    public async Task OpenConnection_should_answer_an_error_and_keep_desired_open_when_the_target_refuses()
    {
        var id = ConnectionJson.NewId("open-refused");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "closed", RefusedUri));

        var answer = await Client.ConnectionCommandAsync(Command("openConnection", id));

        output.WriteLine(answer.ToJsonString());
        ShouldBeError(answer, 504, "connectivity:connection.failed");
        var stored = await Client.GetJsonObjectAsync(ConnectionPath(id));
        Assert.Equal("open", stored["connectionStatus"]!.GetValue<string>());
    }

    // §4.2 modify with new status open: opening failure goes to the caller, the modification is persisted.
    [Fact]
    public async Task Put_should_answer_the_open_failure_and_persist_the_change_when_the_new_target_rejects_the_credentials()
    {
        var id = ConnectionJson.NewId("modify-401");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "open", fixture.Sink.Uri));
        await StatusUntilAsync(id, "open");
        var changed = ConnectionJson.HttpPush(id, "open", fixture.UnauthorizedSink.Uri, "changed");

        using var response = await Client.PutAsync(ConnectionPath(id), Json(changed));

        var body = await response.BodyAsync();
        output.WriteLine($"{(int)response.StatusCode} {body}");
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.GatewayTimeout, $"{(int)response.StatusCode} {body}");
        var error = JsonNode.Parse(body)!.AsObject();
        Assert.Contains(error["error"]!.GetValue<string>(), new[] { "connectivity:connection.unauthorized", "connectivity:connection.failed" });
        var stored = await Client.GetJsonObjectAsync(ConnectionPath(id));
        Assert.Equal(fixture.UnauthorizedSink.Uri, stored["uri"]!.GetValue<string>());
        Assert.Equal(["changed"], Strings(stored["tags"]));
    }

    // §4.2 create open: the response comes before opening; opening failures do not change it.
    [Fact]
    public async Task Post_should_answer_201_when_the_connection_is_open_and_its_target_refuses()
    {
        using var response = await Client.PostAsync(Route(ConnectionsPath), Json(ConnectionJson.HttpPush(null, "open", RefusedUri)));

        var connection = await response.ShouldBeJsonObjectAsync(HttpStatusCode.Created);
        await StatusUntilAsync(connection["id"]!.GetValue<string>(), "failed");
    }

    // §2.4: dry-run against a target rejecting the credentials.
    [Fact]
    public async Task DryRun_should_answer_an_authentication_error_when_the_target_answers_401()
    {
        using var response = await Client.PostAsync(Route(ConnectionsPath + "?dry-run=true"),
            Json(ConnectionJson.HttpPush(null, "open", fixture.UnauthorizedSink.Uri)));

        var body = await response.BodyAsync();
        output.WriteLine($"{(int)response.StatusCode} {body}");
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.GatewayTimeout, $"{(int)response.StatusCode} {body}");
    }

    // §2.4: the id of a dry-run body is replaced, so an existing id does not matter.
    [Fact]
    public async Task DryRun_should_answer_200_when_the_body_carries_the_id_of_an_existing_connection()
    {
        var id = ConnectionJson.NewId("dry-run-existing");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri));

        using var response = await Client.PostAsync(Route(ConnectionsPath + "?dry-run=true"), Json(ConnectionJson.HttpPush(id, "open", fixture.Sink.Uri)));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.BodyAsync());
    }

    // §4.2 close of an open connection: the sink is no longer checked and status reports closed at once.
    [Fact]
    public async Task Delete_should_stop_an_open_connection_when_it_is_deleted()
    {
        var id = ConnectionJson.NewId("delete-open");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "open", fixture.Sink.Uri));
        await StatusUntilAsync(id, "open");

        using var delete = await Client.DeleteAsync(ConnectionPath(id));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        using var status = await Client.GetAsync(ConnectionPath(id, "/status"));
        await status.ShouldBeErrorAsync(HttpStatusCode.NotFound, "connectivity:connection.notfound");
        var tags = await Client.ConnectionCommandAsync(Command("connectivity.sudo.commands:sudoRetrieveConnectionTags", id));
        ShouldBeError(tags, 404, "connectivity:connection.notfound");
    }

    // §2.5 If-None-Match: * on an existing connection.
    [Fact]
    public async Task Put_should_answer_412_when_if_none_match_is_star_and_the_connection_exists()
    {
        var id = ConnectionJson.NewId("inm-star");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri));
        using var request = new HttpRequestMessage(HttpMethod.Put, ConnectionPath(id)) { Content = Json(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri)) };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");

        using var response = await Client.SendAsync(request);

        await response.ShouldBeErrorAsync(HttpStatusCode.PreconditionFailed, "connectivity:precondition.failed");
    }

    // §2.5 If-Match on a connection that does not exist.
    [Fact]
    public async Task Put_should_answer_412_and_create_nothing_when_if_match_is_given_for_a_new_id()
    {
        var id = ConnectionJson.NewId("im-new");
        using var request = new HttpRequestMessage(HttpMethod.Put, ConnectionPath(id)) { Content = Json(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri)) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"rev:1\"");

        using var response = await Client.SendAsync(request);

        await response.ShouldBeErrorAsync(HttpStatusCode.PreconditionFailed, "connectivity:precondition.failed");
        using var get = await Client.GetAsync(ConnectionPath(id));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    // §2.6 If-None-Match with another revision.
    [Fact]
    public async Task Get_should_answer_200_when_if_none_match_names_an_older_revision()
    {
        var id = ConnectionJson.NewId("inm-old");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri));
        using (var modify = await Client.PutAsync(ConnectionPath(id), Json(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri, "v2"))))
        {
            Assert.Equal(HttpStatusCode.NoContent, modify.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, ConnectionPath(id));
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"rev:1\"");
        using var response = await Client.SendAsync(request);

        await response.ShouldBeJsonObjectAsync(HttpStatusCode.OK);
        Assert.Equal("\"rev:2\"", response.Headers.ETag?.ToString());
    }

    // §2.6 special fields.
    [Fact]
    public async Task Get_should_answer_created_and_modified_timestamps_when_they_are_selected()
    {
        var id = ConnectionJson.NewId("timestamps");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri));

        var connection = await Client.GetJsonObjectAsync(Route($"{ConnectionsPath}/{id}?fields=_created,_modified"));

        Assert.True(DateTimeOffset.TryParse(connection["_created"]?.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _), connection.ToJsonString());
        Assert.True(DateTimeOffset.TryParse(connection["_modified"]?.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _), connection.ToJsonString());
    }

    // §2.1: trailing slash tolerated.
    [Fact]
    public async Task Routes_should_tolerate_a_trailing_slash_when_addressing_the_collection_and_an_entity()
    {
        var id = ConnectionJson.NewId("slash");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri));

        using var list = await Client.GetAsync(Route(ConnectionsPath + "/?ids-only=true"));
        Assert.Contains(id, Strings(await list.ShouldBeJsonArrayAsync(HttpStatusCode.OK)));
        using var one = await Client.GetAsync(Route($"{ConnectionsPath}/{id}/"));
        await one.ShouldBeJsonObjectAsync(HttpStatusCode.OK);
    }

    // §2.2: ids-only=false with fields=id answers objects.
    [Fact]
    public async Task List_should_answer_objects_when_ids_only_is_false_and_fields_is_id()
    {
        var id = ConnectionJson.NewId("ids-only-false");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri));

        using var response = await Client.GetAsync(Route($"{ConnectionsPath}?ids-only=false&fields=id"));

        var connections = await response.ShouldBeJsonArrayAsync(HttpStatusCode.OK);
        Assert.Contains(connections, c => c is JsonObject o && o.Count == 1 && o["id"]!.GetValue<string>() == id);
    }

    // §1.1: unknown fields ignored, non-string tags ignored, set semantics.
    [Fact]
    public async Task Put_should_ignore_unknown_fields_and_non_string_tags_when_creating()
    {
        var id = ConnectionJson.NewId("lenient");
        var body = ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri);
        body["somethingElse"] = 42;
        body["tags"] = new JsonArray("a", 1, "b", "a", true);

        var connection = await Client.PutNewAsync(body);

        Assert.False(connection.ContainsKey("somethingElse"));
        Assert.Equal(["a", "b"], Strings(connection["tags"]));
    }

    // §1.1: connectionType is case-sensitive.
    [Fact]
    public async Task Put_should_answer_400_json_invalid_when_the_connection_type_has_another_case()
    {
        var body = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);
        body["connectionType"] = "HTTP-PUSH";

        using var response = await Client.PutAsync(ConnectionPath(ConnectionJson.NewId("case")), Json(body));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "json.invalid");
    }

    // §3.2: header values are strings in Ditto headers.
    [Fact]
    public async Task Piggyback_should_answer_unwrapped_when_aggregate_is_the_string_false()
    {
        var envelope = Envelope(IdsRetrieval, Command("retrieveAllConnectionIds"));
        envelope["headers"] = new JsonObject { ["aggregate"] = "false" };

        using var response = await Client.PostAsync(Route(PiggybackPath), Json(envelope));

        var answer = await response.ShouldBeJsonObjectAsync(HttpStatusCode.OK);
        ShouldBeResponse(answer, "retrieveAllConnectionIds", 200);
    }

    // §3.1: the instance in the URL.
    [Fact]
    public async Task Piggyback_should_answer_when_the_url_names_this_instance()
    {
        using var response = await Client.PostAsync(Route($"{PiggybackPath}/{fixture.Server.InstanceId}"),
            Json(Envelope(IdsRetrieval, Command("retrieveAllConnectionIds"))));

        ShouldBeResponse(await response.ShouldBeJsonObjectAsync(HttpStatusCode.OK), "retrieveAllConnectionIds", 200);
    }

    // §3.1: piggyback without the service segment.
    [Fact]
    public async Task Piggyback_should_answer_when_the_url_has_no_service_name()
    {
        using var response = await Client.PostAsync(Route("/devops/piggyback"), Json(Envelope(IdsRetrieval, Command("retrieveAllConnectionIds"))));

        ShouldBeResponse(await response.ShouldBeJsonObjectAsync(HttpStatusCode.OK), "retrieveAllConnectionIds", 200);
    }

    // §1.11: create without connection id through piggyback.
    [Fact]
    public async Task Piggyback_create_should_answer_inner_400_json_field_missing_when_the_connection_has_no_id()
    {
        var command = Command("createConnection");
        command["connection"] = ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri);

        var answer = await Client.ConnectionCommandAsync(command);

        ShouldBeError(answer, 400, "json.field.missing");
    }

    // §3.1: a connection command sent to the ids retrieval actor.
    [Fact]
    public async Task Piggyback_should_answer_an_inner_error_when_a_connection_command_goes_to_the_ids_retrieval()
    {
        var answer = await Client.PiggybackAsync(IdsRetrieval, Command("retrieveConnection", "some-id"));

        Assert.True(answer["status"]!.GetValue<int>() >= 400, answer.ToJsonString());
        Assert.True(answer.ContainsKey("error"), answer.ToJsonString());
    }
}
