using System.Globalization;
using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Connectivity.TestKit.Fluent;
using Connectivity.TestKit.Mqtt;
using Xunit;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests;

/// <summary>
/// Connection log publishing (spec §5.3) end to end: a server process configured only by Ditto's
/// <c>CONNECTIVITY_LOGGER_PUBLISHER_*</c> variables sends the log entries of an MQTT connection on a real mosquitto
/// to the real forward_sink.py.
/// </summary>
public sealed class FluentPublishingTests : IAsyncLifetime
{
    private ForwardSink? sink;
    private MosquittoBroker? broker;

    private ForwardSink Sink => sink ?? throw new InvalidOperationException("not started");

    private MosquittoBroker Broker => broker ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        sink = await ForwardSink.StartNewAsync();
        broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions
        {
            Users = new Dictionary<string, string> { ["ditto"] = "right-password" },
        });
    }

    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }

        if (sink is not null)
        {
            await sink.DisposeAsync();
        }
    }

    [Fact]
    public async Task Server_should_publish_consumed_entries_under_the_connection_tag_when_the_variables_enable_publishing()
    {
        await using var server = await ServerProcess.StartAsync("fluent-node", Environment());
        var id = ConnectionJson.NewId("fluent-consume");
        await CreateAsync(server, Mqtt(id, $"tcp://{Broker.Host}:{Broker.Port}"));
        await Eventually.UntilAsync(
            () => server.Client.ConnectionCommandAsync(Command("retrieveConnectionStatus", id)),
            s => s["liveStatus"]?.GetValue<string>() == "open", TimeSpan.FromSeconds(30), s => s.ToJsonString());

        await new MosquittoPub(Broker.Host, Broker.Port, "telemetry/device-1", """{"temperature":21}""")
        {
            Qos = 1,
            V5 = true,
            Properties = [("correlation-data", "corr-fluent")],
        }.RunAsync();
        var events = await Sink.WaitForEventsAsync(e => e.Any(IsConsumed));

        var consumed = events.Single(IsConsumed);
        Assert.Equal($"connection:{id}", (string?)consumed["tag"]);
        var record = consumed["record"]!.AsObject();
        Assert.Equal(
            (id, "success", "source", "consumed", "corr-fluent", "telemetry/#", "fluent-node"),
            ((string?)record["connectionId"], (string?)record["level"], (string?)record["category"], (string?)record["type"],
                (string?)record["correlationId"], (string?)record["address"], (string?)record["instanceId"]));
        Assert.False(string.IsNullOrEmpty((string?)record["message"]));
    }

    [Fact]
    public async Task Server_should_publish_only_failures_under_the_configured_tag_when_the_broker_refuses_the_password()
    {
        var environment = Environment();
        environment["CONNECTIVITY_LOGGER_PUBLISHER_LOG_TAG"] = "ditto.connectivity";
        environment["CONNECTIVITY_LOGGER_PUBLISHER_LOG_LEVELS"] = "failure";
        await using var server = await ServerProcess.StartAsync("fluent-node", environment);
        var id = ConnectionJson.NewId("fluent-refused");

        await CreateAsync(server, Mqtt(id, $"tcp://ditto:wrong-password@{Broker.Host}:{Broker.Port}"));
        var events = await Sink.WaitForEventsAsync(e => e.Any(x => Message(x).Contains("Not authorized", StringComparison.Ordinal)));

        Assert.All(events, e => Assert.Equal(("ditto.connectivity", "failure", id), ((string?)e["tag"], (string?)e["record"]!["level"], (string?)e["record"]!["connectionId"])));
        Assert.All(events, e => Assert.DoesNotContain("wrong-password", Message(e), StringComparison.Ordinal));
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["CONNECTIVITY_LOGGER_PUBLISHER_ENABLED"] = "true",
        ["CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_HOST"] = Sink.Host,
        ["CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_PORT"] = Sink.Port.ToString(CultureInfo.InvariantCulture),
    };

    private static bool IsConsumed(JsonObject e) => (string?)e["record"]!["type"] == "consumed";

    private static string Message(JsonObject e) => (string?)e["record"]!["message"] ?? string.Empty;

    private static async Task CreateAsync(ServerProcess server, JsonObject connection)
    {
        var command = Command("createConnection");
        command["connection"] = connection;
        ShouldBeResponse(await server.Client.ConnectionCommandAsync(command), "createConnection", 201);
    }

    private static JsonObject Mqtt(string id, string uri) => new()
    {
        ["id"] = id,
        ["connectionType"] = "mqtt-5",
        ["connectionStatus"] = "open",
        ["uri"] = uri,
        ["sources"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray("telemetry/#"),
            ["qos"] = 1,
            ["authorizationContext"] = new JsonArray("integration:mqtt"),
        }),
    };
}
