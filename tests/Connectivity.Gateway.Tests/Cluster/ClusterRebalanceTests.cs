using System.Diagnostics;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Cluster.ClusterApi;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>Cluster mode: commands sent while a 4th node joins and then a node leaves gracefully all get a proper answer.</summary>
public sealed class ClusterRebalanceTests(RebalanceClusterFixture cluster, ITestOutputHelper output) : IClassFixture<RebalanceClusterFixture>
{
    private static readonly TimeSpan RebalanceDeadline = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Commands_should_be_answered_when_a_node_joins_and_another_leaves_gracefully_during_the_traffic()
    {
        var nodes = cluster.Running;
        var ids = await CreateOpenAsync(nodes, 12, "rb", cluster.Sink.Uri, CommandTrickle.Tag(0));
        await RunnersAsync(nodes[0], ids, nodes.Select(n => n.NodeId).ToArray(), TimeSpan.FromSeconds(30));

        var trickle = new CommandTrickle(ids, cluster.Sink.Uri, workers: 3) { Targets = nodes };
        using var stop = new CancellationTokenSource();
        var traffic = trickle.RunAsync(stop.Token);
        var exitCode = 0;
        string? stopFailure = null;
        try
        {
            // A 4th node joins: it takes over its share of the shards while the commands go on.
            var stopwatch = Stopwatch.StartNew();
            var joiner = await cluster.StartNodeAsync();
            var started = stopwatch.Elapsed;
            trickle.Targets = [.. nodes, joiner];
            var (owned, settled) = await Eventually.UntilAsync(
                () => LeaseCountAsync(joiner.NodeId), n => n >= 10, RebalanceDeadline, n => $"{joiner} holds {n} leases");
            output.WriteLine($"{joiner} started in {started.TotalMilliseconds:0} ms and held {owned} shard leases {settled.TotalMilliseconds:0} ms later; " +
                $"commands so far: {trickle.Tally}");

            // One of the original nodes leaves gracefully (SIGTERM) while the commands go on at the others.
            var leaver = nodes[1];
            var stayers = cluster.Running.Where(n => n != leaver).ToList();
            trickle.Targets = stayers;
            stopwatch.Restart();
            var stopping = ClusterScalingTests.StopAsync(leaver.Server);
            var runners = await RunnersAsync(stayers[0], ids, stayers.Select(n => n.NodeId).ToArray(), RebalanceDeadline);
            output.WriteLine($"all connections open on {string.Join(", ", runners.GroupBy(r => r.Value).Select(g => $"{g.Key}: {g.Count()}"))} " +
                $"{stopwatch.ElapsedMilliseconds} ms after SIGTERM to {leaver}");
            (exitCode, stopFailure) = await stopping;
            output.WriteLine($"{leaver} " + (stopFailure is null ? $"stopped gracefully in {stopwatch.ElapsedMilliseconds} ms (exit code {exitCode})" : $"did not stop: {stopFailure}") +
                $"; commands so far: {trickle.Tally}");
        }
        finally
        {
            await stop.CancelAsync();
            await traffic;
        }

        output.WriteLine($"REBALANCE: {trickle.Tally}");
        Assert.True(trickle.Tally.Total >= 30, $"too few commands: {trickle.Tally}");
        Assert.True(trickle.Tally.Improper.Count == 0,
            $"{trickle.Tally.Improper.Count} commands without a proper answer (5xx, non-JSON error or none within {CommandTrickle.CommandTimeout}): " +
            string.Join("\n", trickle.Tally.Improper.Take(10)));
        await trickle.AssertNothingLostAsync(cluster.Running[0].Client);
        Assert.True(stopFailure is null, $"the leaving node did not stop gracefully: {stopFailure}");
    }

    private async Task<long> LeaseCountAsync(string nodeId) =>
        (await cluster.QueryAsync(
            $"SELECT count(*) FROM {cluster.Table("shard_leases")} WHERE region = 'connection' AND owner = @p0 AND expires_at > clock_timestamp()",
            r => r.GetInt64(0), nodeId))[0];
}
