using System.Net;
using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests;

/// <summary>
/// Connections whose payload mappings cannot be built (spec §1.11, §7.1) are refused with 400
/// <c>connectivity:connection.configuration.invalid</c> on create and modify, nothing is stored, and the server keeps serving.
/// </summary>
public sealed class PayloadMappingValidationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private const string ConfigurationInvalid = "connectivity:connection.configuration.invalid";

    private HttpClient Client => fixture.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>After every refused connection the server must still be healthy.</summary>
    public async Task DisposeAsync()
    {
        using var health = await fixture.Server.Anonymous.GetAsync(Route("/health"));
        Assert.True(health.StatusCode == HttpStatusCode.OK, fixture.Server.Output);
        Assert.True(fixture.Server.IsRunning, fixture.Server.Output);
    }

    [Fact]
    public async Task Put_should_answer_400_configuration_invalid_and_store_nothing_when_a_javascript_mapping_does_not_compile()
    {
        var id = ConnectionJson.NewId("bad-script");
        var body = ConnectionJson.WithMapping(ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri), "telemetry", ConnectionJson.JavaScript("function mapToDittoProtocolMsg( {"));

        using var response = await Client.PutAsync(ConnectionPath(id), Json(body));

        var error = await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, ConfigurationInvalid);
        Assert.Contains("The payload mapping 'telemetry' is invalid", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error["description"]?.GetValue<string>()), error.ToJsonString());
        await Client.GetJsonObjectAsync(ConnectionPath(id), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_should_answer_400_configuration_invalid_when_the_mapping_engine_is_unknown()
    {
        var body = ConnectionJson.WithMapping(ConnectionJson.HttpPush(null, "closed", fixture.Sink.Uri), "m", new JsonObject { ["mappingEngine"] = "Telepathy", ["options"] = new JsonObject() });

        using var response = await Client.PostAsync(Route(ConnectionsPath), Json(body));

        var error = await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, ConfigurationInvalid);
        Assert.Contains("Telepathy", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Piggyback_create_should_answer_inner_400_configuration_invalid_when_the_engine_needs_a_things_service()
    {
        var id = ConnectionJson.NewId("pb-implicit");
        var command = Command("createConnection");
        command["connection"] = ConnectionJson.WithMapping(
            ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri),
            "implicit",
            new JsonObject { ["mappingEngine"] = "ImplicitThingCreation", ["options"] = new JsonObject { ["thing"] = new JsonObject() } });

        var answer = await Client.ConnectionCommandAsync(command);

        ShouldBeError(answer, 400, ConfigurationInvalid);
        Assert.Contains("not supported", answer["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_should_keep_the_stored_connection_when_a_modify_brings_a_script_that_never_finishes_loading()
    {
        var id = ConnectionJson.NewId("modify-script");
        await Client.PutNewAsync(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri));
        var modified = ConnectionJson.WithMapping(ConnectionJson.HttpPush(id, "closed", fixture.Sink.Uri), "loop", ConnectionJson.JavaScript("while (true) {}"));

        using var response = await Client.PutAsync(ConnectionPath(id), Json(modified));

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, ConfigurationInvalid);
        var stored = await Client.GetJsonObjectAsync(ConnectionPath(id));
        Assert.False(stored.ContainsKey("mappingDefinitions"), stored.ToJsonString());
        Assert.False(stored["targets"]![0]!.AsObject().ContainsKey("payloadMapping"), stored.ToJsonString());
    }
}
