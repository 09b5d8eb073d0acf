using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Connectivity.TestKit.Mqtt;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests;

/// <summary>
/// MQTT connections (spec §8.3) end to end: created and opened through the piggyback API on the server process,
/// consuming what the real <c>mosquitto_pub</c> sends to a real mosquitto, observed through status, metrics and logs.
/// </summary>
public sealed class MqttConnectionTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private MosquittoBroker? broker;

    private HttpClient Client => fixture.Client;

    private MosquittoBroker Broker => broker ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions
    {
        Users = new Dictionary<string, string> { ["ditto"] = "right-password" },
    });

    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }

    [Fact]
    public async Task Mqtt5Connection_should_count_and_log_consumed_messages_when_mosquitto_pub_publishes_to_its_source()
    {
        var id = ConnectionJson.NewId("mqtt5-consume");
        await CreateAsync(Mqtt(id, "mqtt-5", $"tcp://{Broker.Host}:{Broker.Port}"));
        var status = await PiggybackUntilAsync("retrieveConnectionStatus", id, s => s["liveStatus"]?.GetValue<string>() == "open");

        await new MosquittoPub(Broker.Host, Broker.Port, "telemetry/device-1", """{"temperature":21}""")
        {
            Qos = 1,
            V5 = true,
            Repeat = 3,
            Properties = [("correlation-data", "corr-e2e")],
        }.RunAsync();
        var metrics = await PiggybackUntilAsync("retrieveConnectionMetrics", id, m => ConsumedPerMinute(m) == 3);
        var logs = await Client.ConnectionCommandAsync(Command("retrieveConnectionLogs", id));

        output.WriteLine(status.ToJsonString());
        var source = Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonArray>(status["sourceStatus"])));
        Assert.Equal(("telemetry/#", "open"), (source["address"]!.GetValue<string>(), source["status"]!.GetValue<string>()));
        Assert.Equal("open", Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonArray>(status["targetStatus"])))["status"]!.GetValue<string>());
        Assert.Equal(3, metrics["connectionMetrics"]!["inbound"]!["consumed"]!["success"]!["PT1M"]!.GetValue<long>());
        var consumed = Assert.IsType<JsonArray>(logs["connectionLogs"]).OfType<JsonObject>()
            .Where(e => e["type"]!.GetValue<string>() == "consumed").ToList();
        Assert.Equal(3, consumed.Count);
        Assert.All(consumed, entry => Assert.Equal(
            ("source", "success", "corr-e2e", "telemetry/#"),
            (entry["category"]!.GetValue<string>(), entry["level"]!.GetValue<string>(), entry["correlationId"]!.GetValue<string>(),
                entry["address"]!.GetValue<string>())));
    }

    [Fact]
    public async Task MqttConnection_should_be_misconfigured_with_the_reason_in_its_logs_when_the_broker_refuses_the_password()
    {
        var id = ConnectionJson.NewId("mqtt-password");
        await CreateAsync(Mqtt(id, "mqtt", $"tcp://ditto:wrong-password@{Broker.Host}:{Broker.Port}"));

        await PiggybackUntilAsync("retrieveConnectionStatus", id, s => s["liveStatus"]?.GetValue<string>() == "misconfigured");
        var logs = await Client.ConnectionCommandAsync(Command("retrieveConnectionLogs", id));

        var messages = Assert.IsType<JsonArray>(logs["connectionLogs"]).Select(e => e!["message"]!.GetValue<string>()).ToList();
        output.WriteLine(string.Join('\n', messages));
        Assert.Contains(messages, m => m.Contains("refused the connection: Not authorized (return code 5)", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("wrong-password", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateConnection_should_answer_400_configuration_invalid_when_mqtt_3_1_1_has_two_clients()
    {
        var connection = Mqtt(ConnectionJson.NewId("mqtt-two-clients"), "mqtt", $"tcp://{Broker.Host}:{Broker.Port}");
        connection["clientCount"] = 2;
        var command = Command("createConnection");
        command["connection"] = connection;

        var answer = await Client.ConnectionCommandAsync(command);

        ShouldBeError(answer, 400, "connectivity:connection.configuration.invalid");
    }

    private static JsonObject Mqtt(string id, string type, string uri) => new()
    {
        ["id"] = id,
        ["connectionType"] = type,
        ["connectionStatus"] = "open",
        ["uri"] = uri,
        ["sources"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray("telemetry/#"),
            ["qos"] = 1,
            ["authorizationContext"] = new JsonArray("integration:mqtt"),
        }),
        ["targets"] = new JsonArray(new JsonObject
        {
            ["address"] = "commands/{{ thing:id }}",
            ["qos"] = 1,
            ["topics"] = new JsonArray(ConnectionJson.TwinEvents),
            ["authorizationContext"] = new JsonArray("integration:mqtt"),
        }),
    };

    private static long? ConsumedPerMinute(JsonObject metrics) =>
        metrics["sourceMetrics"]?["addressMetrics"]?["telemetry/#"]?["consumed"]?["success"]?["PT1M"]?.GetValue<long>();

    private async Task CreateAsync(JsonObject connection)
    {
        var command = Command("createConnection");
        command["connection"] = connection;
        ShouldBeResponse(await Client.ConnectionCommandAsync(command), "createConnection", 201);
    }

    private async Task<JsonObject> PiggybackUntilAsync(string type, string id, Func<JsonObject, bool> done)
    {
        var (answer, _) = await Eventually.UntilAsync(
            () => Client.ConnectionCommandAsync(Command(type, id)), done, Deadline, a => a.ToJsonString());
        return answer;
    }
}
