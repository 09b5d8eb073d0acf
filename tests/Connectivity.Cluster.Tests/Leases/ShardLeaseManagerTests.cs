using System.Collections.Concurrent;
using System.Diagnostics;
using Connectivity.Cluster.Leases;
using Connectivity.Cluster.Membership;
using Connectivity.Cluster.Tests.Membership;
using Connectivity.TestKit.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Connectivity.Cluster.Tests.Leases;

/// <summary>
/// In-process "nodes", each a <see cref="ShardLeaseManager"/> over one shared PostgreSQL schema. Running nodes use
/// short real intervals (renew 300 ms, TTL 2 s) because expiry is the database's; the safety timing is also shown
/// tick by tick on a manual clock.
/// </summary>
public sealed class ShardLeaseManagerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Region = "connection";
    private const int Shards = 24;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly string[] ShardIds = Enumerable.Range(0, Shards).Select(i => i.ToString()).ToArray();

    private readonly List<TestNode> nodes = [];
    private readonly ConcurrentQueue<LeaseEvent> events = new();
    private ClusterSchema schema = null!;

    public async Task InitializeAsync() => schema = await ClusterSchema.CreateAsync(postgres);

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.Manager.DisposeAsync();
        }

        await schema.DisposeAsync();
    }

    [Fact]
    public async Task ShardLeaseManager_should_own_every_shard_exactly_once_when_three_nodes_run()
    {
        var cluster = Cluster("node-a", "node-b", "node-c");

        await UntilPlacedAsync(cluster);

        var held = cluster.SelectMany(n => n.Manager.Held.Values).ToList();
        Assert.Equal(ShardIds.Order(), held.Select(l => l.ShardId).Order());
        Assert.All(held, l => Assert.Equal(1, l.Epoch));
        Assert.All(cluster, n => Assert.InRange(n.Manager.Held.Count, 1, Shards - 2));
        Assert.Equal(
            held.Select(l => (l.ShardId, l.Owner, l.Epoch)).Order(),
            (await schema.Leases.ReadAllAsync(Region, default)).Select(l => (l.ShardId, l.Owner, l.Epoch)).Order());
        await Eventually.TrueAsync(
            () => cluster.All(n => ShardIds.All(s => n.Manager.OwnerOf(s) == RendezvousOwner(s, cluster))),
            Patience,
            "every node routes every shard to its owner");
    }

    [Fact]
    public async Task ShardLeaseManager_should_hand_off_its_shards_hook_first_when_a_node_leaves()
    {
        var released = new ConcurrentDictionary<string, bool>();
        var cluster = Cluster("node-a", "node-b", "node-c");
        var b = cluster[1];
        b.BeforeRelease = async shardId =>
        {
            // The hook runs while node-b still holds the lease, at the database and in Held.
            var live = await schema.Leases.ReadAllAsync(Region, default);
            released[shardId] = b.Manager.Held.ContainsKey(shardId) && live.Any(l => l.ShardId == shardId && l.Owner == "node-b");
        };
        await UntilPlacedAsync(cluster);
        var ofB = b.Manager.Held.Keys.Order().ToList();

        await b.Manager.StopAsync();

        Assert.Empty(b.Manager.Held);
        Assert.Equal(ofB, released.Keys.Order());
        Assert.All(released.Values, Assert.True);
        Assert.DoesNotContain(await schema.Leases.ReadAllAsync(Region, default), l => l.Owner == "node-b");
        Assert.DoesNotContain(events, e => e.Node == "node-b" && e.Kind == "lost");

        var survivors = new[] { cluster[0], cluster[2] };
        Join(survivors);
        await UntilPlacedAsync(survivors);
        Assert.All(ofB, s => Assert.Equal(2, survivors.Single(n => n.Manager.Held.ContainsKey(s)).Manager.Held[s].Epoch));
    }

    [Fact]
    public async Task ShardLeaseManager_should_move_only_the_new_nodes_shards_when_a_node_joins()
    {
        var handedOff = new ConcurrentBag<string>();
        var first = Cluster("node-a", "node-b");
        foreach (var node in first)
        {
            node.BeforeRelease = shardId =>
            {
                handedOff.Add(shardId);
                return Task.CompletedTask;
            };
        }

        await UntilPlacedAsync(first);

        var c = Running("node-c");
        var cluster = first.Append(c).ToArray();
        Join(cluster);
        c.Manager.Start();
        await UntilPlacedAsync(cluster);

        Assert.Equal(c.Manager.Held.Keys.Order(), handedOff.Order());
        Assert.All(c.Manager.Held.Values, l => Assert.Equal(2, l.Epoch));
        Assert.All(first.SelectMany(n => n.Manager.Held.Values), l => Assert.Equal(1, l.Epoch));
    }

    [Fact]
    public async Task ShardLeaseManager_should_let_the_others_take_a_crashed_nodes_shards_only_after_the_ttl()
    {
        var cluster = new[] { Running("node-a"), Running("node-b"), Running("node-c") };
        var crashed = cluster[2];
        Join(cluster);

        // node-c takes its shards in one round of its own, then never runs again: no renewal, no hand-off.
        var acquiredAt = Stopwatch.GetTimestamp();
        await crashed.Manager.TickAsync(default);
        var ofC = crashed.Manager.Held.Keys.ToList();
        Assert.NotEmpty(ofC);
        cluster[0].Manager.Start();
        cluster[1].Manager.Start();
        await UntilPlacedAsync(cluster);

        var survivors = new[] { cluster[0], cluster[1] };
        Join(survivors);
        await UntilPlacedAsync(survivors);

        var takeovers = events.Where(e => e.Node != "node-c" && e.Kind == "acquired" && ofC.Contains(e.ShardId)).ToList();
        Assert.Equal(ofC.Order(), takeovers.Select(e => e.ShardId).Order());
        Assert.All(takeovers, e => Assert.Equal(2, e.Epoch));
        var ttl = crashed.Options.LeaseTtl;
        Assert.All(takeovers, e => Assert.True(Stopwatch.GetElapsedTime(acquiredAt, e.At) >= ttl - TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task ShardLeaseManager_should_lose_its_shards_to_the_others_only_after_giving_them_up_when_it_stops_renewing()
    {
        var cluster = Cluster("node-a", "node-b", "node-c");
        var c = cluster[2];
        await UntilPlacedAsync(cluster);
        var ofC = c.Manager.Held.Keys.ToList();

        // node-c is cut off from the database; the others stop seeing it as a member.
        c.Table.Unreachable = true;
        var survivors = new[] { cluster[0], cluster[1] };
        Join(survivors);

        await UntilPlacedAsync(survivors);
        Assert.Empty(c.Manager.Held);
        var log = events.ToList();
        foreach (var shardId in ofC)
        {
            var lost = log.FindIndex(e => e is { Node: "node-c", Kind: "lost" } && e.ShardId == shardId);
            var taken = log.FindIndex(e => e.Node != "node-c" && e.Kind == "acquired" && e.ShardId == shardId);
            Assert.InRange(lost, 0, taken - 1);
            Assert.Equal(2, log[taken].Epoch);
        }
    }

    [Fact]
    public async Task ShardLeaseManager_should_raise_lost_for_every_shard_before_the_ttl_when_database_calls_fail()
    {
        var clock = new ManualClock();
        var options = Options("node-a");
        var node = Node("node-a", options, clock);
        node.Members = Snapshot("node-a");

        await node.Manager.TickAsync(default);
        Assert.Equal(ShardIds.Order(), node.Manager.Held.Keys.Order());

        node.Table.Unreachable = true;
        var safeFor = options.LeaseTtl - options.LeaseSafetyMargin;
        for (var elapsed = options.LeaseRenewInterval; elapsed < safeFor; elapsed += options.LeaseRenewInterval)
        {
            clock.Advance(options.LeaseRenewInterval);
            await node.Manager.TickAsync(default);
            Assert.Equal(Shards, node.Manager.Held.Count);
        }

        clock.Advance(options.LeaseRenewInterval);
        await node.Manager.TickAsync(default);

        Assert.Empty(node.Manager.Held);
        Assert.Equal(ShardIds.Order(), events.Where(e => e.Kind == "lost").Select(e => e.ShardId).Order());

        // Given up while the database still counts the leases as node-a's.
        var live = await schema.Leases.ReadAllAsync(Region, default);
        Assert.Equal(ShardIds.Order(), live.Where(l => l.Owner == "node-a").Select(l => l.ShardId).Order());

        // Reachable again before expiry: the live leases are still node-a's, so it takes them back at the same epoch.
        node.Table.Unreachable = false;
        await node.Manager.TickAsync(default);

        Assert.Equal(Shards, node.Manager.Held.Count);
        Assert.All(node.Manager.Held.Values, l => Assert.Equal(1, l.Epoch));
    }

    [Fact]
    public async Task ShardLeaseManager_should_raise_lost_at_once_when_a_renewal_is_refused()
    {
        var node = Node("node-a", Options("node-a"), new ManualClock());
        node.Members = Snapshot("node-a");
        await node.Manager.TickAsync(default);

        await schema.ExecuteAsync("UPDATE shard_leases SET expires_at = clock_timestamp()");
        await node.Manager.TickAsync(default);

        var log = events.ToList();
        foreach (var shardId in ShardIds)
        {
            var lost = log.FindIndex(e => e.Kind == "lost" && e.ShardId == shardId);
            var again = log.FindLastIndex(e => e.Kind == "acquired" && e.ShardId == shardId);
            Assert.InRange(lost, 0, again - 1);
            Assert.Equal(2, log[again].Epoch);
        }

        Assert.All(node.Manager.Held.Values, l => Assert.Equal(2, l.Epoch));
    }

    [Fact]
    public async Task ShardLeaseManager_should_not_acquire_when_it_has_no_members_or_is_stopped()
    {
        var node = Node("node-a", Options("node-a"), new ManualClock());

        await node.Manager.TickAsync(default);
        Assert.Empty(node.Manager.Held);

        node.Members = Snapshot("node-a");
        await node.Manager.StopAsync();
        await node.Manager.TickAsync(default);

        Assert.Empty(node.Manager.Held);
        Assert.Empty(await schema.Leases.ReadAllAsync(Region, default));
    }

    private static ClusterOptions Options(string nodeId) => new() { NodeId = nodeId, InternalAddress = $"http://{nodeId}:8081" };

    private static MembershipSnapshot Snapshot(params string[] nodeIds) =>
        new(1, nodeIds.Order(StringComparer.Ordinal).Select(id => new Member(id, $"http://{id}:8081", DateTimeOffset.UnixEpoch)).ToList());

    private static string? RendezvousOwner(string shardId, IEnumerable<TestNode> cluster) =>
        RendezvousHashing.OwnerOf(shardId, Snapshot(cluster.Select(n => n.Id).ToArray()).Members);

    /// <summary>Every shard held exactly once, by its rendezvous owner among <paramref name="cluster"/>.</summary>
    private static Task UntilPlacedAsync(IReadOnlyList<TestNode> cluster) => Eventually.TrueAsync(
        () => ShardIds.All(s => cluster.Count(n => n.Manager.Held.ContainsKey(s)) == 1
            && cluster.Single(n => n.Manager.Held.ContainsKey(s)).Id == RendezvousOwner(s, cluster)),
        Patience,
        $"every shard held once by its owner among {string.Join(", ", cluster.Select(n => n.Id))}");

    private static void Join(IReadOnlyList<TestNode> cluster)
    {
        var snapshot = Snapshot(cluster.Select(n => n.Id).ToArray());
        foreach (var node in cluster)
        {
            node.Members = snapshot;
        }
    }

    /// <summary>Nodes on the real clock that see each other, started.</summary>
    private TestNode[] Cluster(params string[] nodeIds)
    {
        var cluster = nodeIds.Select(Running).ToArray();
        Join(cluster);
        foreach (var node in cluster)
        {
            node.Manager.Start();
        }

        return cluster;
    }

    /// <summary>A node on the real clock with short lease timings, not started.</summary>
    private TestNode Running(string nodeId)
    {
        var options = Options(nodeId);
        options.LeaseRenewInterval = TimeSpan.FromMilliseconds(300);
        options.LeaseTtl = TimeSpan.FromSeconds(2);
        return Node(nodeId, options, TimeProvider.System);
    }

    private TestNode Node(string nodeId, ClusterOptions options, TimeProvider clock)
    {
        var node = new TestNode(nodeId, options, new FailingShardLeaseTable(schema.Leases));
        node.Manager = new ShardLeaseManager(
            Region, Shards, node.Table, () => node.Members, options, clock, NullLogger<ShardLeaseManager>.Instance, s => node.BeforeRelease(s));
        node.Manager.ShardAcquired += lease => events.Enqueue(new LeaseEvent(nodeId, "acquired", lease.ShardId, lease.Epoch, Stopwatch.GetTimestamp()));
        node.Manager.ShardLost += shardId => events.Enqueue(new LeaseEvent(nodeId, "lost", shardId, 0, Stopwatch.GetTimestamp()));
        nodes.Add(node);
        return node;
    }

    /// <param name="At">When it was raised, in <see cref="Stopwatch"/> ticks.</param>
    private sealed record LeaseEvent(string Node, string Kind, string ShardId, long Epoch, long At);

    private sealed class TestNode(string id, ClusterOptions options, FailingShardLeaseTable table)
    {
        private MembershipSnapshot members = MembershipSnapshot.Empty;

        public string Id { get; } = id;

        public ClusterOptions Options { get; } = options;

        public FailingShardLeaseTable Table { get; } = table;

        public ShardLeaseManager Manager { get; set; } = null!;

        public Func<string, Task> BeforeRelease { get; set; } = _ => Task.CompletedTask;

        public MembershipSnapshot Members
        {
            get => Volatile.Read(ref members);
            set => Volatile.Write(ref members, value);
        }
    }
}
