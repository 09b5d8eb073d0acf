using System.Diagnostics;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Cluster.ClusterApi;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>Cluster mode: scale out 2 → 3 and in 3 → 2 (SIGTERM) under a steady trickle of commands.</summary>
public sealed class ClusterScalingTests(ScalingClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ScalingClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Connections_should_move_without_losing_commands_when_scaling_out_and_in_gracefully()
    {
        var nodes = cluster.Running;
        Assert.Equal(2, nodes.Count);
        var ids = await CreateOpenAsync(nodes, 12, "sc", cluster.Sink.Uri, CommandTrickle.Tag(0));
        await RunnersAsync(nodes[0], ids, nodes.Select(n => n.NodeId).ToArray(), TimeSpan.FromSeconds(30));

        var trickle = new CommandTrickle(ids, cluster.Sink.Uri, workers: 1) { Targets = nodes };
        using var stop = new CancellationTokenSource();
        var traffic = trickle.RunAsync(stop.Token);
        try
        {
            // Scale out: the third node takes its share of the shards and runs connections.
            var stopwatch = Stopwatch.StartNew();
            var third = await cluster.StartNodeAsync();
            trickle.Targets = cluster.Running;
            var (owned, settled) = await Eventually.UntilAsync(
                () => LeaseCountAsync(third.NodeId), n => n >= 20, Deadline, n => $"{third} holds {n} leases");
            var all = cluster.Running.Select(n => n.NodeId).ToArray();
            var runners = await RunnersAsync(nodes[0], ids, all, Deadline);
            output.WriteLine($"SCALE OUT: {third} holds {owned} shard leases {stopwatch.ElapsedMilliseconds} ms after it was started " +
                $"({settled.TotalMilliseconds:0} ms after /health); runners: {string.Join(", ", runners.GroupBy(r => r.Value).Select(g => $"{g.Key}: {g.Count()}"))}; " +
                $"commands so far: {trickle.Tally}");

            // Scale in: the node running the most connections leaves with SIGTERM.
            var leaver = cluster.Node(runners.GroupBy(r => r.Value).OrderByDescending(g => g.Count()).First().Key);
            var itsConnections = runners.Where(r => r.Value == leaver.NodeId).Select(r => r.Key).ToList();
            var stayers = cluster.Running.Where(n => n != leaver).ToList();
            trickle.Targets = stayers;
            stopwatch.Restart();
            var stopping = StopAsync(leaver.Server);
            var stayerIds = stayers.Select(n => n.NodeId).ToArray();
            var moved = await Task.WhenAll(itsConnections.Select((id, i) => OpenOnAsync(stayers[i % stayers.Count], id, stayerIds, Deadline)));
            output.WriteLine($"TAKEOVER after graceful stop: {itsConnections.Count} connections of {leaver} open on the others " +
                $"{stopwatch.ElapsedMilliseconds} ms after SIGTERM (slowest poll {(moved.Length == 0 ? 0 : moved.Max(m => m.Elapsed.TotalMilliseconds)):0} ms)");
            var (exitCode, failure) = await stopping;
            var exited = stopwatch.Elapsed;
            var stillHeld = await cluster.QueryAsync(
                $"SELECT region || '/' || shard_id FROM {cluster.Table("shard_leases")} WHERE owner = @p0 AND expires_at > clock_timestamp()",
                r => r.GetString(0), leaver.NodeId);
            var membership = await cluster.QueryAsync(
                $"SELECT status FROM {cluster.Table("cluster_members")} WHERE node_id = @p0", r => r.GetString(0), leaver.NodeId);
            output.WriteLine($"SCALE IN: {leaver} (running {itsConnections.Count} connections) " +
                (failure is null ? $"exited {exited.TotalMilliseconds:0} ms after SIGTERM with code {exitCode}" : $"did not exit: {failure}") +
                $"; unexpired leases it still holds: {stillHeld.Count}; membership status: {string.Join(",", membership)}");
            Assert.True(failure is null, $"{leaver} did not stop gracefully: {failure}\n{leaver.Server.Output[^Math.Min(4000, leaver.Server.Output.Length)..]}");
            Assert.True(stillHeld.Count == 0, $"{leaver} exited but still holds unexpired leases: {string.Join(", ", stillHeld)}");
            await RunnersAsync(stayers[0], ids, stayerIds, Deadline);
        }
        finally
        {
            await stop.CancelAsync();
            await traffic;
        }

        output.WriteLine($"TRICKLE: {trickle.Tally}");
        Assert.True(trickle.Tally.Total >= 20, $"too few commands: {trickle.Tally}");
        Assert.True(trickle.Tally.Improper.Count == 0,
            $"{trickle.Tally.Improper.Count} commands without a proper answer: " + string.Join("\n", trickle.Tally.Improper.Take(10)));
        foreach (var node in cluster.Running)
        {
            await trickle.AssertNothingLostAsync(node.Client);
        }
    }

    /// <summary>SIGTERM and the wait for the exit, without throwing: the exit code or why it did not exit in time.</summary>
    internal static async Task<(int ExitCode, string? Failure)> StopAsync(ServerProcess server)
    {
        try
        {
            return (await server.StopGracefullyAsync(), null);
        }
        catch (TimeoutException e)
        {
            return (-1, e.Message.Split('\n')[0]);
        }
    }

    private async Task<long> LeaseCountAsync(string nodeId) =>
        (await cluster.QueryAsync(
            $"SELECT count(*) FROM {cluster.Table("shard_leases")} WHERE region = 'connection' AND owner = @p0 AND expires_at > clock_timestamp()",
            r => r.GetInt64(0), nodeId))[0];
}
