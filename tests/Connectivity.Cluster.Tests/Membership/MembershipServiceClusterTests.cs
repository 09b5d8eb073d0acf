using Connectivity.Cluster.Membership;
using Connectivity.TestKit.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Connectivity.Cluster.Tests.Membership;

/// <summary>
/// Several <see cref="MembershipService"/>s sharing one PostgreSQL schema, with short real intervals (200 ms
/// heartbeat, 1 s down-after) because down-after is measured by the database's clock.
/// </summary>
public sealed class MembershipServiceClusterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly List<MembershipService> services = [];
    private ClusterSchema schema = null!;

    public async Task InitializeAsync() => schema = await ClusterSchema.CreateAsync(postgres);

    public async Task DisposeAsync()
    {
        foreach (var service in services)
        {
            await service.StopAsync(default);
            service.Dispose();
        }

        await schema.DisposeAsync();
    }

    [Fact]
    public async Task MembershipService_should_see_every_node_when_three_nodes_join()
    {
        var nodes = new[] { await StartAsync("node-c"), await StartAsync("node-a"), await StartAsync("node-b") };

        foreach (var node in nodes)
        {
            var snapshot = await node.WaitForMembersAsync(3, Patience);
            Assert.Equal(["node-a", "node-b", "node-c"], snapshot.Members.Select(m => m.NodeId));
            Assert.Equal("http://node-a.internal:8081", snapshot.Members[0].Address);
            Assert.InRange(snapshot.Version, 1, 3);
        }
    }

    [Fact]
    public async Task MembershipService_should_drop_a_node_at_once_when_it_leaves()
    {
        var a = await StartAsync("node-a");
        var b = await StartAsync("node-b");
        await a.WaitForMembersAsync(2, Patience);
        var versionWithBoth = a.Current.Version;

        await b.StopAsync(default);
        services.Remove(b);
        b.Dispose();

        var snapshot = await a.WaitForMembersAsync(1, Patience);
        Assert.Equal(["node-a"], snapshot.Members.Select(m => m.NodeId));
        Assert.Equal(versionWithBoth + 1, snapshot.Version);
        Assert.Equal("left", await postgres.ScalarAsync<string>($"SELECT status FROM \"{schema.Name}\".cluster_members WHERE node_id = 'node-b'"));
    }

    [Fact]
    public async Task MembershipService_should_drop_a_node_after_down_after_when_it_stops_heartbeating()
    {
        var a = await StartAsync("node-a");

        // A node that beats until node-a has seen it, then dies without leaving. (Beating only once would race node-a's
        // reads: under load none of them may fall within DownAfter of that single beat.)
        var dead = new Member("node-dead", "http://dead:8081", DateTimeOffset.UtcNow);
        using var patience = new CancellationTokenSource(Patience);
        while (!a.Current.Contains("node-dead"))
        {
            await schema.Members.HeartbeatAsync(dead, patience.Token);
            await Task.Delay(TimeSpan.FromMilliseconds(100), patience.Token);
        }

        var withDead = a.Current;

        var withoutDead = await a.WaitForMembersAsync(1, Patience);
        Assert.False(withoutDead.Contains("node-dead"));
        Assert.Equal(withDead.Version + 1, withoutDead.Version);
    }

    private async Task<MembershipService> StartAsync(string nodeId)
    {
        var options = new ClusterOptions
        {
            NodeId = nodeId,
            InternalAddress = $"http://{nodeId}.internal:8081",
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            DownAfter = TimeSpan.FromSeconds(1),
        };
        var service = new MembershipService(schema.Members, Options.Create(options), TimeProvider.System, NullLogger<MembershipService>.Instance);
        services.Add(service);
        await service.StartAsync(default);
        return service;
    }
}
