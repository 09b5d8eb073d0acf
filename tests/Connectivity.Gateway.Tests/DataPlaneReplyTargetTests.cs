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
/// Reply targets end to end through mosquitto: an application sends a live message (a command) with an MQTT 5 response
/// topic to connection <c>app</c>; connection <c>devices</c> publishes it to the device; the device's response,
/// consumed by <c>devices</c>, goes back through <c>app</c>'s reply target to the response topic.
/// </summary>
public sealed class DataPlaneReplyTargetTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<(string Topic, string Payload)> received = new();
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
    public async Task A_devices_response_should_reach_the_reply_target_of_the_connection_that_consumed_the_command()
    {
        var (app, devices) = (ConnectionJson.NewId("reply-app"), ConnectionJson.NewId("reply-devices"));
        await using var observer = await ObserveAsync("devices/+/inbox", "app/replies/#");
        await CreateOpenAsync(App(app));
        await CreateOpenAsync(Devices(devices));

        await Publish("app/commands/d1", """{"topic":"org.acme/d1/things/live/messages/switch","headers":{"correlation-id":"cmd-42"},"path":"/inbox/messages/switch","value":"on"}""",
            ("response-topic", "app/replies/1"), ("correlation-data", "cmd-42"));
        await Eventually.UntilAsync(() => Task.FromResult(received.Count), n => n == 1, Deadline, n => $"{n} messages");
        var command = JsonNode.Parse(Assert.Single(received, m => m.Topic == "devices/d1/inbox").Payload)!;
        Assert.Equal("cmd-42", command["headers"]!["correlation-id"]!.GetValue<string>());

        await Publish("devices/d1/outbox", """{"topic":"org.acme/d1/things/live/messages/switch","headers":{"correlation-id":"cmd-42"},"path":"/outbox/messages/switch","status":200,"value":"done"}""");
        await Publish("devices/d1/outbox", """{"topic":"org.acme/d1/things/live/messages/switch","headers":{"correlation-id":"unknown"},"path":"/outbox/messages/switch","status":200,"value":"late"}""");

        await Eventually.UntilAsync(() => Task.FromResult(received.Count), n => n == 2, Deadline, n => $"{n} messages");
        var (topic, payload) = Assert.Single(received, m => m.Topic.StartsWith("app/replies/", StringComparison.Ordinal));
        output.WriteLine($"{topic}: {payload}");
        var response = JsonNode.Parse(payload)!;
        Assert.Equal(("app/replies/1", 200, "done"), (topic, response["status"]!.GetValue<int>(), response["value"]!.GetValue<string>()));
        var (metrics, _) = await Eventually.UntilAsync(
            () => fixture.Client.ConnectionCommandAsync(Command("retrieveConnectionMetrics", app)),
            m => m["targetMetrics"]?["addressMetrics"]?["_responses"]?["published"]?["success"]?["PT1M"]?.GetValue<long>() == 1,
            Deadline,
            m => m.ToJsonString());
        Assert.NotNull(metrics);
        var logs = await fixture.Client.ConnectionCommandAsync(Command("retrieveConnectionLogs", devices));
        Assert.Contains(logs["connectionLogs"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "dropped" && e["correlationId"]!.GetValue<string>() == "unknown");
    }

    private JsonObject App(string id) => new()
    {
        ["id"] = id,
        ["connectionType"] = "mqtt-5",
        ["connectionStatus"] = "open",
        ["uri"] = $"tcp://{broker!.Host}:{broker.Port}",
        ["sources"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray("app/commands/#"),
            ["qos"] = 1,
            ["authorizationContext"] = new JsonArray("integration:app"),
            ["headerMapping"] = new JsonObject { ["reply-to"] = "{{ header:reply-to }}", ["correlation-id"] = "{{ header:correlation-id }}" },
            ["replyTarget"] = new JsonObject
            {
                ["enabled"] = true,
                ["address"] = "{{ header:reply-to }}",
                ["headerMapping"] = new JsonObject { ["correlation-id"] = "{{ header:correlation-id }}" },
                ["expectedResponseTypes"] = new JsonArray("response", "error"),
            },
        }),
    };

    private JsonObject Devices(string id) => new()
    {
        ["id"] = id,
        ["connectionType"] = "mqtt-5",
        ["connectionStatus"] = "open",
        ["uri"] = $"tcp://{broker!.Host}:{broker.Port}",
        ["sources"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray("devices/+/outbox"),
            ["qos"] = 1,
            ["authorizationContext"] = new JsonArray("integration:devices"),
        }),
        ["targets"] = new JsonArray(new JsonObject
        {
            ["address"] = "devices/{{ thing:name }}/inbox",
            ["qos"] = 1,
            ["topics"] = new JsonArray("_/_/things/live/messages"),
            ["authorizationContext"] = new JsonArray("integration:devices"),
        }),
    };

    private async Task CreateOpenAsync(JsonObject connection)
    {
        var command = Command("createConnection");
        command["connection"] = connection;
        ShouldBeResponse(await fixture.Client.ConnectionCommandAsync(command), "createConnection", 201);
        await Eventually.UntilAsync(
            () => fixture.Client.ConnectionCommandAsync(Command("retrieveConnectionStatus", connection["id"]!.GetValue<string>())),
            s => s["liveStatus"]?.GetValue<string>() == "open",
            Deadline,
            s => s.ToJsonString());
    }

    private Task Publish(string topic, string payload, params (string Name, string Value)[] properties) =>
        new MosquittoPub(broker!.Host, broker.Port, topic, payload) { Qos = 1, V5 = true, Properties = properties }.RunAsync();

    private async Task<MqttClient> ObserveAsync(params string[] filters)
    {
        var client = new MqttClient(new MqttClientOptions { Host = broker!.Host, Port = broker.Port, ClientId = "reply-observer" })
        {
            MessageReceived = m =>
            {
                received.Enqueue((m.Message.Topic, Encoding.UTF8.GetString(m.Message.Payload.Span)));
                return ValueTask.FromResult(true);
            },
        };
        await client.ConnectAsync();
        await client.SubscribeAsync([.. filters.Select(f => new MqttTopicFilter(f, MqttQos.AtLeastOnce))]);
        return client;
    }
}
