using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Infrastructure.ConnectionLifecycle;

namespace Connectivity.Gateway.Tests;

/// <summary>
/// The data plane end to end, as the issue tells it: a device publishes telemetry to mosquitto; connection A maps it
/// with a JavaScript mapper into a live message of thing <c>org.acme:d1</c>; connection B (http-push) receives the ones
/// its target filter <c>gt(value/temp,20)</c> lets through at <c>POST:/ingest/{{ thing:id }}</c>; connection C (MQTT)
/// publishes every one to <c>out/{{ thing:name }}</c>. The metrics and logs of all three tell what happened.
/// </summary>
public sealed class DataPlaneScenarioTests(GatewayFixture fixture, ITestOutputHelper output) : MosquittoPerTest, IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private HttpSink? sink;

    private HttpClient Client => fixture.Client;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        sink = await HttpSink.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (sink is not null)
        {
            await sink.DisposeAsync();
        }
    }

    [Fact]
    public async Task Telemetry_should_reach_the_http_target_through_its_filter_and_the_mqtt_target_with_metrics_and_logs_telling_so()
    {
        var (a, b, c) = (ConnectionJson.NewId("scenario-a"), ConnectionJson.NewId("scenario-b"), ConnectionJson.NewId("scenario-c"));
        await using var observer = await MqttObserver.StartAsync(Broker, "scenario-observer", "out/#");
        await Client.CreateOpenAsync(SourceA(a), Deadline);
        await Client.CreateOpenAsync(HttpTargetB(b), Deadline);
        await Client.CreateOpenAsync(MqttTargetC(c), Deadline);

        await PublishAsync("devices/d1/telemetry", """{"temp": 21.5}""", ("correlation-data", "corr-warm"));
        await PublishAsync("devices/d1/telemetry", """{"temp": 19}""", ("correlation-data", "corr-cold"));

        await observer.WaitForAsync(2, Deadline);
        var (posts, _) = await Eventually.UntilAsync(
            () => Task.FromResult(sink!.Received.Where(r => r.Method != "HEAD").ToList()), r => r.Count > 0, Deadline, r => $"{r.Count} requests");
        var posted = Assert.Single(posts);
        output.WriteLine($"{posted.Method} {posted.PathAndQuery} {string.Join(", ", posted.Headers.Select(h => $"{h.Key}={h.Value}"))}\n{posted.Body}");
        Assert.Equal(("POST", "/ingest/org.acme:d1"), (posted.Method, posted.PathAndQuery));
        Assert.Equal(("d1", "corr-warm"), (posted.Headers["x-device"], posted.Headers["correlation-id"]));
        var delivered = JsonNode.Parse(posted.Body)!;
        Assert.Equal(21.5, delivered["value"]!["temp"]!.GetValue<double>());
        Assert.All(observer.Received, m => Assert.Equal("out/d1", m.Topic));

        var metricsA = await Client.MetricsWhenAsync(a, m => Count(m, "inbound", "mapped") == 2, Deadline);
        Assert.Equal(2, Count(metricsA, "inbound", "consumed"));
        var metricsB = await Client.MetricsWhenAsync(b, m => Count(m, "outbound", "published") == 1 && Count(m, "outbound", "filtered") == 1, Deadline);
        Assert.Equal(2, Count(metricsB, "outbound", "dispatched"));
        var metricsC = await Client.MetricsWhenAsync(c, m => Count(m, "outbound", "published") == 2, Deadline);
        Assert.Equal(0, Count(metricsC, "outbound", "filtered"));

        var logsB = await LogsAsync(b);
        Assert.Contains(logsB, e => e["type"]!.GetValue<string>() == "filtered" && e["correlationId"]!.GetValue<string>() == "corr-cold"
            && e["message"]!.GetValue<string>().Contains("gt(value/temp,20)", StringComparison.Ordinal));
        Assert.Contains(logsB, e => e["type"]!.GetValue<string>() == "published" && e["correlationId"]!.GetValue<string>() == "corr-warm"
            && e["entityId"]!.GetValue<string>() == "org.acme:d1");
        var logsA = await LogsAsync(a);
        Assert.Equal(2, logsA.Count(e => e["type"]!.GetValue<string>() == "mapped" && e["level"]!.GetValue<string>() == "success"));
    }

    private JsonObject SourceA(string id) =>
        MqttJson.Connection(id, Broker)
            .WithSources(MqttJson.Source("devices/+/telemetry", "integration:devices", "telemetry"))
            .WithMappings(("telemetry", ConnectionJson.JavaScript(MqttJson.TelemetryScript)));

    private JsonObject HttpTargetB(string id)
    {
        var ingest = MqttJson.Target("POST:/ingest/{{ thing:id }}", "_/_/things/live/messages?namespaces=org.acme&filter=gt(value/temp,20)", "integration:ingest");
        ingest["headerMapping"] = new JsonObject { ["x-device"] = "{{ thing:name }}", ["correlation-id"] = "{{ header:correlation-id }}" };
        return MqttJson.HttpPush(id, sink!.Uri, ingest);
    }

    private JsonObject MqttTargetC(string id) =>
        MqttJson.Connection(id, Broker).WithTargets(MqttJson.Target("out/{{ thing:name }}", "_/_/things/live/messages", "integration:out", qos: 1));

    private async Task<List<JsonObject>> LogsAsync(string id)
    {
        var logs = await Client.LogEntriesAsync(id);
        output.WriteLine(string.Join("\n", logs.Select(l => l.ToJsonString())));
        return logs;
    }
}
