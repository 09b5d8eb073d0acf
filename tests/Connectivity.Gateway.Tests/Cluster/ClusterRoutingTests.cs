using System.Diagnostics;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Cluster.ClusterApi;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>Cluster mode, 3 nodes: every node answers for every connection, and each open connection runs on exactly one node.</summary>
public sealed class ClusterRoutingTests(RoutingClusterFixture cluster, ITestOutputHelper output) : IClassFixture<RoutingClusterFixture>
{
    private static readonly TimeSpan OpenDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_node_should_answer_for_every_connection_when_connections_were_created_through_different_nodes()
    {
        var nodes = cluster.Running;
        var nodeIds = nodes.Select(n => n.NodeId).ToArray();
        var stopwatch = Stopwatch.StartNew();
        var ids = await CreateOpenAsync(nodes, 9, "route", cluster.Sink.Uri, "routing");
        output.WriteLine($"created {ids.Count} connections through {string.Join(", ", nodeIds)} in {stopwatch.ElapsedMilliseconds} ms");

        // Each open connection runs on exactly one node, and every node names the same one.
        stopwatch.Restart();
        var runners = await RunnersAsync(nodes[0], ids, nodeIds, OpenDeadline);
        output.WriteLine($"all open after {stopwatch.ElapsedMilliseconds} ms; runners: " +
            string.Join(", ", runners.GroupBy(r => r.Value).Select(g => $"{g.Key}: {g.Count()}")));
        foreach (var node in nodes)
        {
            foreach (var id in ids)
            {
                var connection = await node.Client.GetJsonObjectAsync(ConnectionPath(id));
                Assert.Equal(id, connection["id"]!.GetValue<string>());
                Assert.Equal("open", connection["connectionStatus"]!.GetValue<string>());
                Assert.Equal(cluster.Sink.Uri, connection["uri"]!.GetValue<string>());

                var status = await node.Client.GetJsonObjectAsync(ConnectionPath(id, "/status"));
                var (client, live, clients) = Runner(status);
                Assert.True(clients == 1, $"{id} at {node}: expected exactly one client: {status.ToJsonString()}");
                Assert.True(client == runners[id] && live == "open", $"{id} at {node}: expected open on {runners[id]}: {status.ToJsonString()}");
            }

            using var list = await node.Client.GetAsync(Route(ConnectionsPath));
            var listed = (await list.ShouldBeJsonArrayAsync(System.Net.HttpStatusCode.OK))
                .Select(c => c!["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            Assert.True(ids.All(listed.Contains), $"{node} lists {string.Join(", ", listed)}; missing {string.Join(", ", ids.Where(i => !listed.Contains(i)))}");

            using var idsOnly = await node.Client.GetAsync(Route(ConnectionsPath + "?ids-only=true"));
            var listedIds = (await idsOnly.ShouldBeJsonArrayAsync(System.Net.HttpStatusCode.OK)).Select(c => c!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            Assert.True(ids.All(listedIds.Contains), $"{node} ids-only lacks {string.Join(", ", ids.Where(i => !listedIds.Contains(i)))}");
        }

        // retrieveAllConnectionIds through the piggyback of each node: one and the same sorted list.
        var lists = new List<string[]>();
        foreach (var node in nodes)
        {
            var answer = await node.Client.PiggybackAsync(IdsRetrieval, Command("retrieveAllConnectionIds"));
            ShouldBeResponse(answer, "retrieveAllConnectionIds", 200);
            var all = Strings(answer["connectionIds"]).Order(StringComparer.Ordinal).ToArray();
            Assert.True(ids.All(all.Contains), $"{node}: {answer.ToJsonString()}");
            lists.Add(all);
        }

        Assert.All(lists, l => Assert.Equal(lists[0], l));
        output.WriteLine($"retrieveAllConnectionIds: {lists[0].Length} ids, identical on {nodes.Count} nodes");
    }

    [Fact]
    public async Task Piggyback_connection_commands_should_be_answered_by_every_node_when_the_connection_lives_elsewhere()
    {
        var nodes = cluster.Running;
        var id = (await CreateOpenAsync(nodes, 1, "pig", cluster.Sink.Uri))[0];
        var (runner, _) = await OpenOnAsync(nodes[0], id, nodes.Select(n => n.NodeId).ToArray(), OpenDeadline);
        foreach (var node in nodes)
        {
            var retrieved = await node.Client.ConnectionCommandAsync(Command("retrieveConnection", id));
            ShouldBeResponse(retrieved, "retrieveConnection", 200);
            Assert.Equal(id, retrieved["connection"]?["id"]?.GetValue<string>());

            var status = await node.Client.ConnectionCommandAsync(Command("retrieveConnectionStatus", id));
            ShouldBeResponse(status, "retrieveConnectionStatus", 200);
            Assert.True(status.ToJsonString().Contains(runner, StringComparison.Ordinal), $"{node} (runner {runner}): {status.ToJsonString()}");
        }

        var unknown = await nodes[1].Client.ConnectionCommandAsync(Command("retrieveConnection", ConnectionJson.NewId("missing")));
        Assert.Equal(404, unknown["status"]?.GetValue<int>());
        output.WriteLine($"piggyback answered on {nodes.Count} nodes for a connection running on {runner}");
    }
}
