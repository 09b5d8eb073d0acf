using System.Collections.Concurrent;
using System.Text;
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
/// The data plane end to end, as the issue tells it: a device publishes telemetry to mosquitto; connection A maps it
/// with a JavaScript mapper into a live message of thing <c>org.acme:d1</c>; connection B (http-push) receives the ones
/// its target filter <c>gt(value/temp,20)</c> lets through at <c>POST:/ingest/{{ thing:id }}</c>; connection C (MQTT)
/// publishes every one to <c>out/{{ thing:name }}</c>. The metrics and logs of all three tell what happened.
/// </summary>
public sealed class DataPlaneScenarioTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private const string IncomingScript = """
        function mapToDittoProtocolMsg(headers, textPayload, bytePayload, contentType) {
            var levels = headers['mqtt.topic'].split('/');
            var dittoHeaders = { 'correlation-id': headers['correlation-id'], 'content-type': 'application/json' };
            return Ditto.buildDittoProtocolMsg('org.acme', levels[1], 'things', 'live', 'messages', 'telemetry',
                '/inbox/messages/telemetry', dittoHeaders, JSON.parse(textPayload));
        }
        """;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private MosquittoBroker? broker;
    private HttpSink? sink;

    private HttpClient Client => fixture.Client;

    public async Task InitializeAsync()
    {
        broker = await MosquittoBroker.StartNewAsync();
        sink = await HttpSink.StartAsync();
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
    public async Task Telemetry_should_reach_the_http_target_through_its_filter_and_the_mqtt_target_with_metrics_and_logs_telling_so()
    {
        var (a, b, c) = (ConnectionJson.NewId("scenario-a"), ConnectionJson.NewId("scenario-b"), ConnectionJson.NewId("scenario-c"));
        await using var observer = await SubscribeAsync("out/#");
        await CreateOpenAsync(SourceA(a));
        await CreateOpenAsync(HttpTargetB(b));
        await CreateOpenAsync(MqttTargetC(c));

        await PublishAsync("devices/d1/telemetry", """{"temp": 21.5}""", "corr-warm");
        await PublishAsync("devices/d1/telemetry", """{"temp": 19}""", "corr-cold");

        await Eventually.UntilAsync(() => Task.FromResult(observer.Received.Count), n => n == 2, Deadline, n => $"{n} messages on out/#");
        var (posts, _) = await Eventually.UntilAsync(
            () => Task.FromResult(sink!.Received.Where(r => r.Method != "HEAD").ToList()), r => r.Count > 0, Deadline, r => $"{r.Count} requests");
        var posted = Assert.Single(posts);
        output.WriteLine($"{posted.Method} {posted.PathAndQuery} {string.Join(", ", posted.Headers.Select(h => $"{h.Key}={h.Value}"))}\n{posted.Body}");
        Assert.Equal(("POST", "/ingest/org.acme:d1"), (posted.Method, posted.PathAndQuery));
        Assert.Equal(("d1", "corr-warm"), (posted.Headers["x-device"], posted.Headers["correlation-id"]));
        var delivered = JsonNode.Parse(posted.Body)!;
        Assert.Equal(21.5, delivered["value"]!["temp"]!.GetValue<double>());
        Assert.All(observer.Received, m => Assert.Equal("out/d1", m.Topic));

        var metricsA = await MetricsAsync(a, m => Count(m, "inbound", "mapped") == 2);
        Assert.Equal(2, Count(metricsA, "inbound", "consumed"));
        var metricsB = await MetricsAsync(b, m => Count(m, "outbound", "published") == 1 && Count(m, "outbound", "filtered") == 1);
        Assert.Equal(2, Count(metricsB, "outbound", "dispatched"));
        var metricsC = await MetricsAsync(c, m => Count(m, "outbound", "published") == 2);
        Assert.Equal(0, Count(metricsC, "outbound", "filtered"));

        var logsB = await LogsAsync(b);
        Assert.Contains(logsB, e => e["type"]!.GetValue<string>() == "filtered" && e["correlationId"]!.GetValue<string>() == "corr-cold"
            && e["message"]!.GetValue<string>().Contains("gt(value/temp,20)", StringComparison.Ordinal));
        Assert.Contains(logsB, e => e["type"]!.GetValue<string>() == "published" && e["correlationId"]!.GetValue<string>() == "corr-warm"
            && e["entityId"]!.GetValue<string>() == "org.acme:d1");
        var logsA = await LogsAsync(a);
        Assert.Equal(2, logsA.Count(e => e["type"]!.GetValue<string>() == "mapped" && e["level"]!.GetValue<string>() == "success"));
    }

    private static long? Count(JsonObject metrics, string direction, string type) =>
        metrics["connectionMetrics"]?[direction]?[type]?["success"]?["PT1M"]?.GetValue<long>();

    private JsonObject SourceA(string id) => new()
    {
        ["id"] = id,
        ["connectionType"] = "mqtt-5",
        ["connectionStatus"] = "open",
        ["uri"] = $"tcp://{broker!.Host}:{broker.Port}",
        ["sources"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray("devices/+/telemetry"),
            ["qos"] = 1,
            ["authorizationContext"] = new JsonArray("integration:devices"),
            ["payloadMapping"] = new JsonArray("telemetry"),
        }),
        ["mappingDefinitions"] = new JsonObject
        {
            ["telemetry"] = new JsonObject
            {
                ["mappingEngine"] = "JavaScript",
                ["options"] = new JsonObject { ["incomingScript"] = IncomingScript, ["outgoingScript"] = "function mapFromDittoProtocolMsg() { return null; }" },
            },
        },
    };

    private JsonObject HttpTargetB(string id) => new()
    {
        ["id"] = id,
        ["connectionType"] = "http-push",
        ["connectionStatus"] = "open",
        ["uri"] = sink!.Uri,
        ["targets"] = new JsonArray(new JsonObject
        {
            ["address"] = "POST:/ingest/{{ thing:id }}",
            ["topics"] = new JsonArray("_/_/things/live/messages?namespaces=org.acme&filter=gt(value/temp,20)"),
            ["authorizationContext"] = new JsonArray("integration:ingest"),
            ["headerMapping"] = new JsonObject { ["x-device"] = "{{ thing:name }}", ["correlation-id"] = "{{ header:correlation-id }}" },
        }),
    };

    private JsonObject MqttTargetC(string id) => new()
    {
        ["id"] = id,
        ["connectionType"] = "mqtt-5",
        ["connectionStatus"] = "open",
        ["uri"] = $"tcp://{broker!.Host}:{broker.Port}",
        ["targets"] = new JsonArray(new JsonObject
        {
            ["address"] = "out/{{ thing:name }}",
            ["qos"] = 1,
            ["topics"] = new JsonArray("_/_/things/live/messages"),
            ["authorizationContext"] = new JsonArray("integration:out"),
        }),
    };

    private async Task CreateOpenAsync(JsonObject connection)
    {
        var command = Command("createConnection");
        command["connection"] = connection;
        ShouldBeResponse(await Client.ConnectionCommandAsync(command), "createConnection", 201);
        var id = connection["id"]!.GetValue<string>();
        await Eventually.UntilAsync(
            () => Client.ConnectionCommandAsync(Command("retrieveConnectionStatus", id)),
            s => s["liveStatus"]?.GetValue<string>() == "open",
            Deadline,
            s => s.ToJsonString());
    }

    private Task PublishAsync(string topic, string payload, string correlationId) =>
        new MosquittoPub(broker!.Host, broker.Port, topic, payload) { Qos = 1, V5 = true, Properties = [("correlation-data", correlationId)] }.RunAsync();

    private async Task<JsonObject> MetricsAsync(string id, Func<JsonObject, bool> done)
    {
        var (metrics, _) = await Eventually.UntilAsync(
            () => Client.ConnectionCommandAsync(Command("retrieveConnectionMetrics", id)), done, Deadline, m => m.ToJsonString());
        return metrics;
    }

    private async Task<List<JsonObject>> LogsAsync(string id)
    {
        var logs = await Client.ConnectionCommandAsync(Command("retrieveConnectionLogs", id));
        output.WriteLine(logs.ToJsonString());
        return [.. Assert.IsType<JsonArray>(logs["connectionLogs"]).OfType<JsonObject>()];
    }

    private async Task<Observer> SubscribeAsync(string filter)
    {
        var observer = new Observer(new MqttClient(new MqttClientOptions { Host = broker!.Host, Port = broker.Port, ClientId = "scenario-observer" }));
        await observer.Client.ConnectAsync();
        await observer.Client.SubscribeAsync([new MqttTopicFilter(filter, MqttQos.AtLeastOnce)]);
        return observer;
    }

    /// <summary>An MQTT subscriber that keeps what it receives.</summary>
    private sealed class Observer : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Topic, string Payload)> received = new();

        public Observer(MqttClient client)
        {
            Client = client;
            client.MessageReceived = message =>
            {
                received.Enqueue((message.Message.Topic, Encoding.UTF8.GetString(message.Message.Payload.Span)));
                return ValueTask.FromResult(true);
            };
        }

        public MqttClient Client { get; }

        public IReadOnlyList<(string Topic, string Payload)> Received => [.. received];

        public ValueTask DisposeAsync() => Client.DisposeAsync();
    }
}
