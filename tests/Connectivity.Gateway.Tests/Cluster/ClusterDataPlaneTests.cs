using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Connectivity.TestKit.Mqtt;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Cluster.ClusterApi;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>
/// Cluster mode, 3 nodes: a signal consumed by a connection running on one node reaches a target connection running on
/// another node, through the subscriptions the nodes announce to each other.
/// </summary>
public sealed class ClusterDataPlaneTests(DataPlaneClusterFixture cluster, ITestOutputHelper output) : IClassFixture<DataPlaneClusterFixture>, IAsyncLifetime
{
    private const string IncomingScript = """
        function mapToDittoProtocolMsg(headers, textPayload, bytePayload, contentType) {
            var levels = headers['mqtt.topic'].split('/');
            return Ditto.buildDittoProtocolMsg('org.acme', levels[1], 'things', 'live', 'messages', 'telemetry',
                '/inbox/messages/telemetry', { 'correlation-id': headers['correlation-id'] }, JSON.parse(textPayload));
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
    public async Task A_signal_consumed_on_one_node_should_be_published_by_a_target_connection_running_on_another()
    {
        var nodes = cluster.Running;
        var nodeIds = nodes.Select(n => n.NodeId).ToArray();
        var source = ConnectionJson.NewId("dp-source");
        await CreateAsync(nodes[0], Source(source));
        var (sourceRunner, _) = await OpenOnAsync(nodes[0], source, nodeIds, Deadline);

        // Target connections until one runs on another node than the source.
        string? target = null;
        for (var attempt = 0; attempt < 10 && target is null; attempt++)
        {
            var id = ConnectionJson.NewId("dp-target");
            await CreateAsync(nodes[attempt % nodes.Count], Target(id));
            var (runner, _) = await OpenOnAsync(nodes[0], id, nodeIds, Deadline);
            target = runner == sourceRunner ? null : id;
            output.WriteLine($"{id} runs on {runner}; the source on {sourceRunner}");
        }

        Assert.NotNull(target);
        var attempts = 0;
        await Eventually.UntilAsync(
            async () =>
            {
                await new MosquittoPub(broker!.Host, broker.Port, "devices/d7/telemetry", """{"temp": 30}""")
                {
                    Qos = 1,
                    V5 = true,
                    Properties = [("correlation-data", $"cross-{++attempts}")],
                }.RunAsync();
                return cluster.Sink.Received.Count(r => r.PathAndQuery == "/ingest/org.acme:d7");
            },
            n => n > 0,
            Deadline,
            n => $"{n} requests at the sink after {attempts} publishes",
            TimeSpan.FromMilliseconds(200));
        output.WriteLine($"delivered across nodes after {attempts} publish(es)");

        var metrics = await Eventually.UntilAsync(
            () => nodes[0].Client.ConnectionCommandAsync(Command("retrieveConnectionMetrics", target)),
            m => m["connectionMetrics"]?["outbound"]?["published"]?["success"]?["PT1M"]?.GetValue<long>() >= 1,
            Deadline,
            m => m.ToJsonString());
        output.WriteLine(metrics.Value.ToJsonString());
    }

    private static async Task CreateAsync(ClusterMember node, JsonObject connection)
    {
        var command = Command("createConnection");
        command["connection"] = connection;
        ShouldBeResponse(await node.Client.ConnectionCommandAsync(command), "createConnection", 201);
    }

    private JsonObject Source(string id) => new()
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

    private JsonObject Target(string id) => new()
    {
        ["id"] = id,
        ["connectionType"] = "http-push",
        ["connectionStatus"] = "open",
        ["uri"] = cluster.Sink.Uri,
        ["targets"] = new JsonArray(new JsonObject
        {
            ["address"] = "POST:/ingest/{{ thing:id }}",
            ["topics"] = new JsonArray("_/_/things/live/messages?namespaces=org.acme"),
            ["authorizationContext"] = new JsonArray("integration:ingest"),
        }),
    };
}
