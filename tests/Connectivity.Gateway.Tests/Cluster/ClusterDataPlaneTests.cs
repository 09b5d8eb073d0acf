using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Cluster.ClusterApi;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>
/// Cluster mode, 3 nodes: a signal consumed by a connection running on one node reaches a target connection running on
/// another node, through the subscriptions the nodes announce to each other.
/// </summary>
public sealed class ClusterDataPlaneTests(DataPlaneClusterFixture cluster, ITestOutputHelper output) : MosquittoPerTest, IClassFixture<DataPlaneClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

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
                await PublishAsync("devices/d7/telemetry", """{"temp": 30}""", ("correlation-data", $"cross-{++attempts}"));
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

    private JsonObject Source(string id) =>
        MqttJson.Connection(id, Broker)
            .WithSources(MqttJson.Source("devices/+/telemetry", "integration:devices", "telemetry"))
            .WithMappings(("telemetry", ConnectionJson.JavaScript(MqttJson.TelemetryScript)));

    private JsonObject Target(string id) =>
        MqttJson.HttpPush(id, cluster.Sink.Uri, MqttJson.Target("POST:/ingest/{{ thing:id }}", "_/_/things/live/messages?namespaces=org.acme", "integration:ingest"));
}
