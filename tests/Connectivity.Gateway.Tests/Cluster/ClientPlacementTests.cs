using System.Net;
using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Cluster.ClusterApi;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>Cluster mode, spec §4.4: client n of a connection runs on a distinct node; missing clients are misconfigured.</summary>
public sealed class ClientPlacementTests(PlacementClusterFixture cluster, ITestOutputHelper output) : IClassFixture<PlacementClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Connection_should_run_its_clients_on_distinct_nodes_when_enough_nodes_live()
    {
        var nodes = await ThreeNodesAsync();
        var id = await CreateOpenAsync(nodes[0], "placement2", clientCount: 2);

        var clients = await ClientsAsync(nodes[1], id, c => c.Count == 2 && c.All(e => e.Status == "open"));

        Assert.Equal(2, clients.Select(c => c.Node).Distinct().Count());
        Assert.All(clients, c => Assert.NotNull(c.Node));
    }

    [Fact]
    public async Task Connection_should_report_the_missing_client_misconfigured_when_fewer_nodes_than_clients()
    {
        var nodes = await ThreeNodesAsync();
        var id = await CreateOpenAsync(nodes[0], "placement4", clientCount: 4);

        var clients = await ClientsAsync(
            nodes[2], id, c => c.Count == 4 && c.Count(e => e.Status == "open") == 3 && c.Any(e => e.Status == "misconfigured"));

        var open = clients.Where(c => c.Status == "open").ToList();
        Assert.Equal(nodes.Select(n => n.NodeId).Order(), open.Select(c => c.Node!).Order());
        var missing = Assert.Single(clients, c => c.Status == "misconfigured");
        Assert.Equal("unknown-client", missing.Client);
    }

    [Fact]
    public async Task Connection_should_place_a_client_again_when_its_node_is_killed_hard()
    {
        var nodes = await ThreeNodesAsync();
        var id = await CreateOpenAsync(nodes[0], "replace", clientCount: 2);
        var before = await ClientsAsync(nodes[0], id, c => c.Count == 2 && c.All(e => e.Status == "open"));
        var owner = cluster.Node(before.Single(c => c.Client == c.Node).Node!);
        var victim = cluster.Node(before.Single(c => c.Client != c.Node).Node!);
        output.WriteLine($"owner {owner}, client 1 on {victim}: killing it");

        victim.Server.KillHard();

        var after = await ClientsAsync(
            owner, id, c => c.Count == 2 && c.All(e => e.Status == "open") && c.All(e => e.Node != null && e.Node != victim.NodeId));
        Assert.Equal(2, after.Select(c => c.Node).Distinct().Count());
        Assert.Contains(after, c => c.Client == owner.NodeId);
    }

    /// <summary>Three running nodes, starting new ones for those an earlier test killed.</summary>
    private async Task<IReadOnlyList<ClusterMember>> ThreeNodesAsync()
    {
        while (cluster.Running.Count < 3)
        {
            await cluster.StartNodeAsync();
        }

        var nodes = cluster.Running.Take(3).ToList();
        await Eventually.UntilAsync(
            async () => (await Task.WhenAll(nodes.Select(n => cluster.IsUpAsync(n.NodeId)))).All(up => up),
            up => up,
            Deadline,
            up => $"all of {string.Join(", ", nodes)} up: {up}");
        return nodes;
    }

    private async Task<string> CreateOpenAsync(ClusterMember through, string prefix, int clientCount)
    {
        var id = ConnectionJson.NewId(prefix);
        var connection = ConnectionJson.HttpPush(id, "open", cluster.Sink.Uri);
        connection["clientCount"] = clientCount;
        var answer = await PutAsync(through.Client, connection, TimeSpan.FromSeconds(30));
        Assert.True(answer.Status == (int)HttpStatusCode.Created, $"PUT {id} through {through}: {answer}");
        return id;
    }

    /// <summary>Waits until the client entries of the connection's status, asked at <paramref name="node"/>, satisfy <paramref name="done"/>.</summary>
    private async Task<IReadOnlyList<ClientEntry>> ClientsAsync(ClusterMember node, string id, Func<IReadOnlyList<ClientEntry>, bool> done)
    {
        var (clients, elapsed) = await Eventually.UntilAsync(
            async () => Entries(await GetAsync(node.Client, ConnectionPath(id, "/status"), TimeSpan.FromSeconds(5))),
            done,
            Deadline,
            c => $"{id} asked at {node}: [{string.Join(", ", c)}]\n{string.Join("\n", cluster.Running.Select(m => m.Server.Output))}",
            TimeSpan.FromMilliseconds(250));
        output.WriteLine($"{id} after {elapsed.TotalMilliseconds:0} ms: [{string.Join(", ", clients)}]");
        return clients;
    }

    private IReadOnlyList<ClientEntry> Entries(Answer answer) =>
        answer.Status == 200 && answer.Body?["clientStatus"] is JsonArray entries
            ? [.. entries.OfType<JsonObject>().Select(e => Entry(e["client"]!.GetValue<string>(), e["status"]!.GetValue<string>()))]
            : [];

    /// <summary>A client entry and the node it runs on: client 0 is named by its node id, client n by <c>&lt;node id&gt;-n</c>.</summary>
    private ClientEntry Entry(string client, string status) =>
        new(client, status, cluster.Members.FirstOrDefault(m => client == m.NodeId || client.StartsWith(m.NodeId + "-", StringComparison.Ordinal))?.NodeId);

    private sealed record ClientEntry(string Client, string Status, string? Node);
}
