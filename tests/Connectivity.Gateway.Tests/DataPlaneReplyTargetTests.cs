using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Connectivity.Gateway.Tests;

/// <summary>
/// Reply targets end to end through mosquitto: an application sends a live message (a command) with an MQTT 5 response
/// topic to connection <c>app</c>; connection <c>devices</c> publishes it to the device; the device's response,
/// consumed by <c>devices</c>, goes back through <c>app</c>'s reply target to the response topic.
/// </summary>
public sealed class DataPlaneReplyTargetTests(GatewayFixture fixture, ITestOutputHelper output) : MosquittoPerTest, IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_devices_response_should_reach_the_reply_target_of_the_connection_that_consumed_the_command()
    {
        var (app, devices) = (ConnectionJson.NewId("reply-app"), ConnectionJson.NewId("reply-devices"));
        await using var observer = await MqttObserver.StartAsync(Broker, "reply-observer", "devices/+/inbox", "app/replies/#");
        await fixture.Client.CreateOpenAsync(App(app), Deadline);
        await fixture.Client.CreateOpenAsync(Devices(devices), Deadline);

        await PublishAsync("app/commands/d1", """{"topic":"org.acme/d1/things/live/messages/switch","headers":{"correlation-id":"cmd-42"},"path":"/inbox/messages/switch","value":"on"}""",
            ("response-topic", "app/replies/1"), ("correlation-data", "cmd-42"));
        await observer.WaitForAsync(1, Deadline);
        var command = JsonNode.Parse(Assert.Single(observer.Received, m => m.Topic == "devices/d1/inbox").Payload)!;
        Assert.Equal("cmd-42", command["headers"]!["correlation-id"]!.GetValue<string>());

        await PublishAsync("devices/d1/outbox", """{"topic":"org.acme/d1/things/live/messages/switch","headers":{"correlation-id":"cmd-42"},"path":"/outbox/messages/switch","status":200,"value":"done"}""");
        await PublishAsync("devices/d1/outbox", """{"topic":"org.acme/d1/things/live/messages/switch","headers":{"correlation-id":"unknown"},"path":"/outbox/messages/switch","status":200,"value":"late"}""");

        await observer.WaitForAsync(2, Deadline);
        var (topic, payload) = Assert.Single(observer.Received, m => m.Topic.StartsWith("app/replies/", StringComparison.Ordinal));
        output.WriteLine($"{topic}: {payload}");
        var response = JsonNode.Parse(payload)!;
        Assert.Equal(("app/replies/1", 200, "done"), (topic, response["status"]!.GetValue<int>(), response["value"]!.GetValue<string>()));
        await fixture.Client.MetricsWhenAsync(
            app, m => m["targetMetrics"]?["addressMetrics"]?["_responses"]?["published"]?["success"]?["PT1M"]?.GetValue<long>() == 1, Deadline);
        var logs = await fixture.Client.LogEntriesAsync(devices);
        Assert.Contains(logs, e => e["type"]!.GetValue<string>() == "dropped" && e["correlationId"]!.GetValue<string>() == "unknown");
    }

    private JsonObject App(string id)
    {
        var commands = MqttJson.Source("app/commands/#", "integration:app");
        commands["headerMapping"] = new JsonObject { ["reply-to"] = "{{ header:reply-to }}", ["correlation-id"] = "{{ header:correlation-id }}" };
        commands["replyTarget"] = new JsonObject
        {
            ["enabled"] = true,
            ["address"] = "{{ header:reply-to }}",
            ["headerMapping"] = new JsonObject { ["correlation-id"] = "{{ header:correlation-id }}" },
            ["expectedResponseTypes"] = new JsonArray("response", "error"),
        };
        return MqttJson.Connection(id, Broker).WithSources(commands);
    }

    private JsonObject Devices(string id) =>
        MqttJson.Connection(id, Broker)
            .WithSources(MqttJson.Source("devices/+/outbox", "integration:devices"))
            .WithTargets(MqttJson.Target("devices/{{ thing:name }}/inbox", "_/_/things/live/messages", "integration:devices", qos: 1));
}
