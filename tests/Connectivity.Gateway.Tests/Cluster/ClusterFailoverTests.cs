using System.Diagnostics;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Cluster.ClusterApi;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>Cluster mode: a node killed with SIGKILL; its open connections reopen on the survivors and nothing acknowledged is lost.</summary>
public sealed class ClusterFailoverTests(FailoverClusterFixture cluster, ITestOutputHelper output) : IClassFixture<FailoverClusterFixture>
{
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Open_connections_should_reopen_on_the_survivors_when_their_node_is_killed_hard()
    {
        var nodes = cluster.Running;
        var ids = await CreateOpenAsync(nodes, 12, "fo", cluster.Sink.Uri, "failover");
        var runners = await RunnersAsync(nodes[0], ids, nodes.Select(n => n.NodeId).ToArray(), TimeSpan.FromSeconds(30));
        var victim = cluster.Node(runners.GroupBy(r => r.Value).OrderByDescending(g => g.Count()).First().Key);
        var orphans = runners.Where(r => r.Value == victim.NodeId).Select(r => r.Key).ToList();
        var survivors = nodes.Where(n => n != victim).ToList();
        var survivorIds = survivors.Select(n => n.NodeId).ToArray();
        output.WriteLine($"runners before the kill: {string.Join(", ", runners.GroupBy(r => r.Value).Select(g => $"{g.Key}: {g.Count()}"))}; killing {victim}");
        Assert.True(orphans.Count >= 2, $"the victim runs {orphans.Count} connections");

        var stopwatch = Stopwatch.StartNew();
        victim.Server.KillHard();
        var reopened = await Task.WhenAll(orphans.Select((id, i) => OpenOnAsync(survivors[i % survivors.Count], id, survivorIds, FailoverBound + TimeSpan.FromSeconds(10))));
        var failover = stopwatch.Elapsed;
        output.WriteLine($"FAILOVER: all {orphans.Count} connections of the killed node {victim} open again on " +
            $"{string.Join(", ", reopened.GroupBy(r => r.Runner).Select(g => $"{g.Key}: {g.Count()}"))} {failover.TotalMilliseconds:0} ms after kill -9 " +
            $"(DownAfter {ClusterFixture.DownAfter.TotalSeconds} s, LeaseTtl {ClusterFixture.LeaseTtl.TotalSeconds} s)");
        Assert.True(failover < FailoverBound, $"failover took {failover}");

        // Nothing acknowledged is lost: every connection answered 201 before the kill is there with its fields, on every survivor.
        foreach (var node in survivors)
        {
            foreach (var id in ids)
            {
                var connection = await node.Client.GetJsonObjectAsync(ConnectionPath(id));
                Assert.Equal(id, connection["id"]!.GetValue<string>());
                Assert.Equal("open", connection["connectionStatus"]!.GetValue<string>());
                Assert.Equal(cluster.Sink.Uri, connection["uri"]!.GetValue<string>());
                Assert.Equal(["failover"], Strings(connection["tags"]));
                Assert.Equal("POST:/events", connection["targets"]![0]!["address"]!.GetValue<string>());
            }

            var all = Strings((await node.Client.PiggybackAsync(IdsRetrieval, Command("retrieveAllConnectionIds")))["connectionIds"]);
            Assert.True(ids.All(all.Contains), $"{node} lacks {string.Join(", ", ids.Where(i => !all.Contains(i)))}");
        }

        // The other connections never moved off the survivors.
        foreach (var id in ids.Except(orphans))
        {
            var (runner, _) = await OpenOnAsync(survivors[0], id, survivorIds, TimeSpan.FromSeconds(10));
            Assert.Equal(runners[id], runner);
        }
    }
}
