using System.Net;
using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests;

/// <summary>Every connection command of spec §3.4 through <c>POST /devops/piggyback/connectivity</c> on a running server.</summary>
public sealed class PiggybackTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Client => fixture.Client;

    private async Task<string> CreateAsync(string prefix, string status = "closed", string? uri = null, params string[] tags)
    {
        var id = ConnectionJson.NewId(prefix);
        var command = Command("createConnection");
        command["connection"] = ConnectionJson.HttpPush(id, status, uri ?? fixture.Sink.Uri, tags);
        var answer = await Client.ConnectionCommandAsync(command);
        ShouldBeResponse(answer, "createConnection", 201);
        return id;
    }

    [Fact]
    public async Task CreateConnection_should_answer_201_with_the_connection_when_aggregate_is_false()
    {
        var id = ConnectionJson.NewId("pb-create");
        var command = Command("createConnection");
        command["connection"] = ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri, "pb-tag");

        var answer = await Client.ConnectionCommandAsync(command);

        ShouldBeResponse(answer, "createConnection", 201);
        var connection = Assert.IsType<JsonObject>(answer["connection"]);
        Assert.Equal(id, connection["id"]!.GetValue<string>());
        Assert.Equal("http-push", connection["connectionType"]!.GetValue<string>());
        Assert.Equal("closed", connection["connectionStatus"]!.GetValue<string>());
        Assert.Equal(1, connection["clientCount"]!.GetValue<int>());
        Assert.Equal(["pb-tag"], Strings(connection["tags"]));
        Assert.False(connection.ContainsKey("_revision"));
    }

    [Fact]
    public async Task CreateConnection_should_answer_409_conflict_inside_200_when_the_id_exists()
    {
        var id = await CreateAsync("pb-conflict");
        var command = Command("createConnection");
        command["connection"] = ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri);

        var answer = await Client.ConnectionCommandAsync(command);

        ShouldBeError(answer, 409, "connectivity:connection.conflict");
    }

    [Fact]
    public async Task ModifyConnection_should_answer_204_with_the_connection_id_when_the_connection_exists()
    {
        var id = await CreateAsync("pb-modify");
        var modified = ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri, "after-modify");
        modified["name"] = "renamed";
        var command = Command("modifyConnection");
        command["connection"] = modified;

        var answer = await Client.ConnectionCommandAsync(command);

        ShouldBeResponse(answer, "modifyConnection", 204);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
        var retrieved = await Client.ConnectionCommandAsync(Command("retrieveConnection", id));
        Assert.Equal("renamed", retrieved["connection"]!["name"]!.GetValue<string>());
        Assert.Equal(["after-modify"], Strings(retrieved["connection"]!["tags"]));
    }

    [Fact]
    public async Task RetrieveConnection_should_answer_200_with_the_connection_when_it_exists()
    {
        var id = await CreateAsync("pb-retrieve");

        var answer = await Client.ConnectionCommandAsync(Command("retrieveConnection", id));

        ShouldBeResponse(answer, "retrieveConnection", 200);
        var connection = Assert.IsType<JsonObject>(answer["connection"]);
        Assert.Equal(id, connection["id"]!.GetValue<string>());
        foreach (var field in new[] { "name", "connectionType", "connectionStatus", "uri", "sources", "targets", "clientCount",
                     "failoverEnabled", "validateCertificates", "processorPoolSize", "tags" })
        {
            Assert.True(connection.ContainsKey(field), $"missing {field}: {connection.ToJsonString()}");
        }

        Assert.False(connection.ContainsKey("_revision"));
    }

    [Fact]
    public async Task RetrieveConnection_should_answer_only_the_selected_fields_when_selectedFields_is_given()
    {
        var id = await CreateAsync("pb-fields");
        var command = Command("retrieveConnection", id);
        command["selectedFields"] = "id,connectionStatus,_revision";

        var answer = await Client.ConnectionCommandAsync(command);

        ShouldBeResponse(answer, "retrieveConnection", 200);
        var connection = Assert.IsType<JsonObject>(answer["connection"]);
        Assert.Equal(["_revision", "connectionStatus", "id"], connection.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(1, connection["_revision"]!.GetValue<long>());
    }

    [Fact]
    public async Task RetrieveConnection_should_answer_404_inside_200_when_the_connection_does_not_exist()
    {
        var answer = await Client.ConnectionCommandAsync(Command("retrieveConnection", ConnectionJson.NewId("pb-missing")));

        ShouldBeError(answer, 404, "connectivity:connection.notfound");
    }

    [Fact]
    public async Task DeleteConnection_should_answer_204_and_make_the_connection_disappear_when_it_exists()
    {
        var id = await CreateAsync("pb-delete");

        var answer = await Client.ConnectionCommandAsync(Command("deleteConnection", id));

        ShouldBeResponse(answer, "deleteConnection", 204);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
        ShouldBeError(await Client.ConnectionCommandAsync(Command("retrieveConnection", id)), 404, "connectivity:connection.notfound");
    }

    [Fact]
    public async Task OpenConnection_should_answer_200_and_open_the_connection_when_the_target_answers()
    {
        var id = await CreateAsync("pb-open");

        var answer = await Client.ConnectionCommandAsync(Command("openConnection", id));

        ShouldBeResponse(answer, "openConnection", 200);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
        var status = await Client.ConnectionCommandAsync(Command("retrieveConnectionStatus", id));
        Assert.Equal("open", status["connectionStatus"]!.GetValue<string>());
        Assert.Equal("open", status["liveStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task CloseConnection_should_answer_200_and_close_the_connection_when_it_is_open()
    {
        var id = await CreateAsync("pb-close", "open");

        var answer = await Client.ConnectionCommandAsync(Command("closeConnection", id));

        ShouldBeResponse(answer, "closeConnection", 200);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
        var status = await Client.ConnectionCommandAsync(Command("retrieveConnectionStatus", id));
        Assert.Equal("closed", status["connectionStatus"]!.GetValue<string>());
        Assert.Equal("closed", status["liveStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task TestConnection_should_answer_200_with_a_test_result_when_the_connection_is_new_and_reachable()
    {
        var id = ConnectionJson.NewId("pb-test");
        var command = Command("testConnection");
        command["connection"] = ConnectionJson.HttpPush(id, "open", fixture.Sink.Uri);

        var answer = await Client.ConnectionCommandAsync(command);

        ShouldBeResponse(answer, "testConnection", 200);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
        Assert.True(answer.ContainsKey("testResult"), answer.ToJsonString());
        ShouldBeError(await Client.ConnectionCommandAsync(Command("retrieveConnection", id)), 404, "connectivity:connection.notfound");
    }

    [Fact]
    public async Task TestConnection_should_answer_409_test_result_when_the_connection_already_exists()
    {
        var id = await CreateAsync("pb-test-exists");
        var command = Command("testConnection");
        command["connection"] = ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri);

        var answer = await Client.ConnectionCommandAsync(command);

        ShouldBeResponse(answer, "testConnection", 409);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(answer["testResult"]?.GetValue<string>()), answer.ToJsonString());
    }

    [Fact]
    public async Task RetrieveConnectionStatus_should_answer_the_closed_status_when_the_connection_is_closed()
    {
        var id = await CreateAsync("pb-status");

        var answer = await Client.ConnectionCommandAsync(Command("retrieveConnectionStatus", id));

        ShouldBeResponse(answer, "retrieveConnectionStatus", 200);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
        Assert.Equal("closed", answer["connectionStatus"]!.GetValue<string>());
        Assert.Equal("closed", answer["liveStatus"]!.GetValue<string>());
        Assert.Equal("unknown", answer["recoveryStatus"]!.GetValue<string>());
        Assert.False(answer.ContainsKey("connectedSince"));
        var client = Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonArray>(answer["clientStatus"])));
        Assert.Equal("client", client["type"]!.GetValue<string>());
        Assert.Equal(fixture.Server.InstanceId, client["client"]!.GetValue<string>());
        Assert.Equal("closed", client["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RetrieveConnectionMetrics_should_answer_empty_metrics_when_the_connection_is_closed()
    {
        var id = await CreateAsync("pb-metrics");

        var answer = await Client.ConnectionCommandAsync(Command("retrieveConnectionMetrics", id));

        ShouldBeResponse(answer, "retrieveConnectionMetrics", 200);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
        Assert.True(answer.ContainsKey("connectionMetrics"), answer.ToJsonString());
        Assert.True(answer.ContainsKey("sourceMetrics"), answer.ToJsonString());
        Assert.True(answer.ContainsKey("targetMetrics"), answer.ToJsonString());
        Assert.False(answer["containsFailures"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ResetConnectionMetrics_should_answer_200_with_the_connection_id_when_the_connection_exists()
    {
        var id = await CreateAsync("pb-reset-metrics", "open");

        var answer = await Client.ConnectionCommandAsync(Command("resetConnectionMetrics", id));

        ShouldBeResponse(answer, "resetConnectionMetrics", 200);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task EnableConnectionLogs_should_answer_200_and_enable_logging_when_the_connection_is_open()
    {
        var id = await CreateAsync("pb-enable-logs", "open");

        var answer = await Client.ConnectionCommandAsync(Command("enableConnectionLogs", id));

        ShouldBeResponse(answer, "enableConnectionLogs", 200);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
        var logs = await Client.ConnectionCommandAsync(Command("retrieveConnectionLogs", id));
        Assert.Equal(System.Text.Json.JsonValueKind.String, JsonValueKindOf(logs["enabledSince"]));
        Assert.Equal(System.Text.Json.JsonValueKind.String, JsonValueKindOf(logs["enabledUntil"]));
    }

    [Fact]
    public async Task RetrieveConnectionLogs_should_answer_the_log_fields_when_logging_is_disabled()
    {
        var id = await CreateAsync("pb-logs");

        var answer = await Client.ConnectionCommandAsync(Command("retrieveConnectionLogs", id));

        ShouldBeResponse(answer, "retrieveConnectionLogs", 200);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
        Assert.Empty(Assert.IsType<JsonArray>(answer["connectionLogs"]));
        Assert.True(answer.ContainsKey("enabledSince") && answer["enabledSince"] is null, answer.ToJsonString());
        Assert.True(answer.ContainsKey("enabledUntil") && answer["enabledUntil"] is null, answer.ToJsonString());
    }

    [Fact]
    public async Task ResetConnectionLogs_should_answer_200_with_the_connection_id_when_the_connection_exists()
    {
        var id = await CreateAsync("pb-reset-logs", "open");

        var answer = await Client.ConnectionCommandAsync(Command("resetConnectionLogs", id));

        ShouldBeResponse(answer, "resetConnectionLogs", 200);
        Assert.Equal(id, answer["connectionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task RetrieveAllConnectionIds_should_answer_sorted_ids_without_deleted_ones_when_sent_to_the_ids_retrieval()
    {
        var kept = await CreateAsync("pb-all-kept");
        var deleted = await CreateAsync("pb-all-deleted");
        ShouldBeResponse(await Client.ConnectionCommandAsync(Command("deleteConnection", deleted)), "deleteConnection", 204);

        var answer = await Client.PiggybackAsync(IdsRetrieval, Command("retrieveAllConnectionIds"));

        ShouldBeResponse(answer, "retrieveAllConnectionIds", 200);
        var ids = Strings(answer["connectionIds"]);
        Assert.Contains(kept, ids);
        Assert.DoesNotContain(deleted, ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal).ToArray(), ids);
    }

    [Fact]
    public async Task RetrieveAllConnectionIds_should_answer_when_the_singleton_alias_is_the_target()
    {
        var id = await CreateAsync("pb-singleton");

        var answer = await Client.PiggybackAsync(IdsRetrieval + "/singleton", Command("retrieveAllConnectionIds"));

        ShouldBeResponse(answer, "retrieveAllConnectionIds", 200);
        Assert.Contains(id, Strings(answer["connectionIds"]));
    }

    [Fact]
    public async Task SudoRetrieveConnectionTags_should_answer_the_tags_when_the_connection_has_tags()
    {
        var id = await CreateAsync("pb-tags", "closed", null, "alpha", "beta");
        var command = Command("connectivity.sudo.commands:sudoRetrieveConnectionTags", id);

        var answer = await Client.ConnectionCommandAsync(command);

        ShouldBeResponse(answer, "connectivity.sudo.responses:sudoRetrieveConnectionTags", 200);
        Assert.Equal(["alpha", "beta"], Strings(answer["connectionTags"]));
    }

    [Fact]
    public async Task SudoRetrieveConnectionIdsByTag_should_answer_the_tagged_ids_when_sent_to_the_ids_retrieval()
    {
        var tag = "tag-" + Guid.NewGuid().ToString("N")[..10];
        var first = await CreateAsync("pb-by-tag", "closed", null, tag);
        var second = await CreateAsync("pb-by-tag", "closed", null, tag, "other");
        await CreateAsync("pb-by-tag-untagged", "closed", null, "other");
        var command = Command("connectivity.sudo.commands:sudoRetrieveConnectionIdsByTag");
        command["tag"] = tag;

        var answer = await Client.PiggybackAsync(IdsRetrieval, command);

        ShouldBeResponse(answer, "connectivity.sudo.responses:sudoRetrieveConnectionIdsByTag", 200);
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), Strings(answer["connectionIds"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Piggyback_should_wrap_the_answer_per_instance_when_aggregate_is_true()
    {
        var id = await CreateAsync("pb-aggregate");

        var answer = await Client.PiggybackAsync(ShardRegion, Command("retrieveConnection", id), aggregate: true);

        var service = Assert.IsType<JsonObject>(Assert.Single(answer, p => p.Key == "connectivity").Value);
        var inner = Assert.IsType<JsonObject>(Assert.Single(service).Value);
        Assert.Equal(fixture.Server.InstanceId, service.Single().Key);
        ShouldBeResponse(inner, "retrieveConnection", 200);
        Assert.Equal(id, inner["connection"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Piggyback_should_aggregate_by_default_when_the_headers_have_no_aggregate_flag()
    {
        var envelope = new JsonObject
        {
            ["targetActorSelection"] = IdsRetrieval,
            ["headers"] = new JsonObject(),
            ["piggybackCommand"] = Command("retrieveAllConnectionIds"),
        };

        using var response = await Client.PostAsync(Route(PiggybackPath), Json(envelope));

        var answer = await response.ShouldBeJsonObjectAsync(HttpStatusCode.OK);
        var inner = Assert.IsType<JsonObject>(answer["connectivity"]?[fixture.Server.InstanceId]);
        ShouldBeResponse(inner, "retrieveAllConnectionIds", 200);
    }

    [Theory]
    [InlineData("targetActorSelection")]
    [InlineData("headers")]
    [InlineData("piggybackCommand")]
    public async Task Piggyback_should_answer_400_json_field_missing_when_an_envelope_field_is_missing(string field)
    {
        var envelope = Envelope(IdsRetrieval, Command("retrieveAllConnectionIds"));
        envelope.Remove(field);

        using var response = await Client.PostAsync(Route(PiggybackPath), Json(envelope));

        var error = await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "json.field.missing");
        Assert.Contains(field, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Piggyback_should_answer_200_with_inner_400_no_mapping_strategy_when_the_command_type_is_unknown()
    {
        using var response = await Client.PostAsync(Route(PiggybackPath),
            Json(Envelope(ShardRegion, Command("connectivity.commands:doSomethingElse", "some-id"))));

        var answer = await response.ShouldBeJsonObjectAsync(HttpStatusCode.OK);
        Assert.Equal(400, answer["status"]!.GetValue<int>());
        Assert.Contains("no mapping strategy", answer["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Piggyback_should_answer_400_when_the_target_actor_selection_is_unknown()
    {
        using var response = await Client.PostAsync(Route(PiggybackPath), Json(Envelope("/user/nobodyHere", Command("retrieveAllConnectionIds"))));

        var error = await response.ShouldBeJsonObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(400, error["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(error["error"]?.GetValue<string>()));
    }

    private static System.Text.Json.JsonValueKind JsonValueKindOf(JsonNode? node) =>
        node?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null;
}
