using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Infrastructure.Api;
using static Connectivity.Gateway.Tests.Infrastructure.ConnectionLifecycle;

namespace Connectivity.Gateway.Tests;

/// <summary>
/// A JavaScript mapper that throws, loops forever or returns garbage, end to end through mosquitto: each failure is
/// counted and logged with its correlation id, and the connection stays open and maps the next message.
/// </summary>
public sealed class DataPlaneMappingFailureTests(GatewayFixture fixture, ITestOutputHelper output) : MosquittoPerTest, IClassFixture<GatewayFixture>
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

    [Fact]
    public async Task A_failing_javascript_mapper_should_be_counted_and_logged_and_the_connection_should_keep_mapping()
    {
        var id = ConnectionJson.NewId("js-failures");
        await using var observer = await MqttObserver.StartAsync(Broker, "js-failures-observer", "out/#");
        await fixture.Client.CreateOpenAsync(Connection(id), Deadline);

        foreach (var payload in new[] { "throw", "loop", "garbage", "fine" })
        {
            await PublishAsync("in/d1", payload, ("correlation-data", "corr-" + payload));
        }

        await observer.WaitForAsync(1, Deadline);
        Assert.Equal("out/d1", Assert.Single(observer.Received).Topic);
        var metrics = await fixture.Client.MetricsWhenAsync(
            id, m => Count(m, "inbound", "mapped", "failure") == 3 && Count(m, "inbound", "mapped") == 1, Deadline);
        Assert.True(metrics["containsFailures"]!.GetValue<bool>());
        var logs = await fixture.Client.LogEntriesAsync(id);
        output.WriteLine(string.Join("\n", logs.Select(l => l.ToJsonString())));
        var failures = logs
            .Where(e => e["type"]!.GetValue<string>() == "mapped" && e["level"]!.GetValue<string>() == "failure")
            .ToDictionary(e => e["correlationId"]!.GetValue<string>(), e => e["message"]!.GetValue<string>());
        Assert.Contains("device unknown", failures["corr-throw"], StringComparison.Ordinal);
        Assert.Contains("limit", failures["corr-loop"], StringComparison.Ordinal);
        Assert.Contains("returned the number 42", failures["corr-garbage"], StringComparison.Ordinal);
        var status = await fixture.Client.ConnectionCommandAsync(Command("retrieveConnectionStatus", id));
        Assert.Equal("open", status["liveStatus"]!.GetValue<string>());
    }

    private JsonObject Connection(string id) =>
        MqttJson.Connection(id, Broker)
            .WithSources(MqttJson.Source("in/#", "integration:devices", "devices"))
            .WithTargets(MqttJson.Target("out/{{ thing:name }}", "_/_/things/live/messages", "integration:out", qos: 1))
            .WithMappings(("devices", ConnectionJson.JavaScript(IncomingScript)));
}
