using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Mqtt;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests;

/// <summary>
/// A JavaScript mapper that throws, loops forever or returns garbage, end to end through mosquitto: each failure is
/// counted and logged with its correlation id, and the connection stays open and maps the next message.
/// </summary>
public sealed class DataPlaneMappingFailureTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private const string IncomingScript = """
        function mapToDittoProtocolMsg(headers, textPayload) {
            if (textPayload === 'throw') { throw new Error('device unknown'); }
            if (textPayload === 'loop') { while (true) {} }
            if (textPayload === 'garbage') { return 42; }
            return Ditto.buildDittoProtocolMsg('org.acme', 'd1', 'things', 'live', 'messages', 'ok', '/inbox/messages/ok',
                { 'correlation-id': headers['correlation-id'] }, textPayload);
        }
        """;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private MosquittoBroker? broker;

    public async Task InitializeAsync() => broker = await MosquittoBroker.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failing_javascript_mapper_should_be_counted_and_logged_and_the_connection_should_keep_mapping()
    {
        var id = ConnectionJson.NewId("js-failures");
        var received = new ConcurrentQueue<string>();
        await using var observer = new MqttClient(new MqttClientOptions { Host = broker!.Host, Port = broker.Port, ClientId = "js-failures-observer" })
        {
            MessageReceived = m =>
            {
                received.Enqueue(m.Message.Topic);
                return ValueTask.FromResult(true);
            },
        };
        await observer.ConnectAsync();
        await observer.SubscribeAsync([new MqttTopicFilter("out/#", MqttQos.AtLeastOnce)]);
        var command = Command("createConnection");
        command["connection"] = Connection(id);
        ShouldBeResponse(await fixture.Client.ConnectionCommandAsync(command), "createConnection", 201);
        await Eventually.UntilAsync(
            () => fixture.Client.ConnectionCommandAsync(Command("retrieveConnectionStatus", id)),
            s => s["liveStatus"]?.GetValue<string>() == "open",
            Deadline,
            s => s.ToJsonString());

        foreach (var payload in new[] { "throw", "loop", "garbage", "fine" })
        {
            await new MosquittoPub(broker.Host, broker.Port, "in/d1", payload) { Qos = 1, V5 = true, Properties = [("correlation-data", "corr-" + payload)] }.RunAsync();
        }

        await Eventually.UntilAsync(() => Task.FromResult(received.Count), n => n == 1, Deadline, n => $"{n} messages on out/#");
        Assert.Equal("out/d1", Assert.Single(received));
        var (metrics, _) = await Eventually.UntilAsync(
            () => fixture.Client.ConnectionCommandAsync(Command("retrieveConnectionMetrics", id)),
            m => Mapped(m, "failure") == 3 && Mapped(m, "success") == 1,
            Deadline,
            m => m.ToJsonString());
        Assert.True(metrics["containsFailures"]!.GetValue<bool>());
        var logs = await fixture.Client.ConnectionCommandAsync(Command("retrieveConnectionLogs", id));
        output.WriteLine(logs.ToJsonString());
        var failures = logs["connectionLogs"]!.AsArray().OfType<JsonObject>()
            .Where(e => e["type"]!.GetValue<string>() == "mapped" && e["level"]!.GetValue<string>() == "failure")
            .ToDictionary(e => e["correlationId"]!.GetValue<string>(), e => e["message"]!.GetValue<string>());
        Assert.Contains("device unknown", failures["corr-throw"], StringComparison.Ordinal);
        Assert.Contains("limit", failures["corr-loop"], StringComparison.Ordinal);
        Assert.Contains("returned the number 42", failures["corr-garbage"], StringComparison.Ordinal);
        var status = await fixture.Client.ConnectionCommandAsync(Command("retrieveConnectionStatus", id));
        Assert.Equal("open", status["liveStatus"]!.GetValue<string>());
    }

    private static long? Mapped(JsonObject metrics, string level) =>
        metrics["connectionMetrics"]?["inbound"]?["mapped"]?[level]?["PT1M"]?.GetValue<long>();

    private JsonObject Connection(string id) => new()
    {
        ["id"] = id,
        ["connectionType"] = "mqtt-5",
        ["connectionStatus"] = "open",
        ["uri"] = $"tcp://{broker!.Host}:{broker.Port}",
        ["sources"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray("in/#"),
            ["qos"] = 1,
            ["authorizationContext"] = new JsonArray("integration:devices"),
            ["payloadMapping"] = new JsonArray("devices"),
        }),
        ["targets"] = new JsonArray(new JsonObject
        {
            ["address"] = "out/{{ thing:name }}",
            ["qos"] = 1,
            ["topics"] = new JsonArray("_/_/things/live/messages"),
            ["authorizationContext"] = new JsonArray("integration:out"),
        }),
        ["mappingDefinitions"] = new JsonObject
        {
            ["devices"] = new JsonObject
            {
                ["mappingEngine"] = "JavaScript",
                ["options"] = new JsonObject { ["incomingScript"] = IncomingScript, ["outgoingScript"] = "" },
            },
        },
    };
}
