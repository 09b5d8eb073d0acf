using Connectivity.Cluster.Leases;
using Connectivity.Cluster.Membership;
using Xunit;

namespace Connectivity.Cluster.Tests.Leases;

public sealed class RendezvousHashingTests
{
    private const int Shards = 1000;

    private static Member Node(string id) => new(id, $"http://{id}:8081", DateTimeOffset.UnixEpoch);

    private static Member[] Nodes(params string[] ids) => ids.Select(Node).ToArray();

    private static Dictionary<string, string?> Placement(IReadOnlyList<Member> members) =>
        Enumerable.Range(0, Shards).Select(i => i.ToString()).ToDictionary(s => s, s => RendezvousHashing.OwnerOf(s, members));

    [Fact]
    public void RendezvousHashing_should_have_no_owner_when_there_are_no_members()
    {
        Assert.Null(RendezvousHashing.OwnerOf("1", []));
        Assert.Empty(RendezvousHashing.TopOwners("1", [], 3));
    }

    [Theory]
    [InlineData("0", "node-a", "node-b", "node-c")]
    [InlineData("2", "node-c", "node-b", "node-a")]
    [InlineData("3", "node-b", "node-c", "node-a")]
    [InlineData("connection-42", "node-b", "node-a", "node-c")]
    public void RendezvousHashing_should_rank_nodes_the_same_in_every_process_when_given_the_same_members(
        string key, string first, string second, string third)
    {
        // Fixed expectations: string.GetHashCode would differ per process; these must not.
        var ranked = RendezvousHashing.TopOwners(key, Nodes("node-a", "node-b", "node-c"), 3);

        Assert.Equal([first, second, third], ranked.Select(m => m.NodeId));
        Assert.Equal(first, RendezvousHashing.OwnerOf(key, Nodes("node-c", "node-a", "node-b")));
    }

    [Fact]
    public void RendezvousHashing_should_not_depend_on_member_order_when_placing()
    {
        var sorted = Placement(Nodes("node-1", "node-2", "node-3", "node-4"));
        var shuffled = Placement(Nodes("node-3", "node-1", "node-4", "node-2"));

        Assert.Equal(sorted, shuffled);
    }

    [Fact]
    public void RendezvousHashing_should_spread_shards_evenly_when_node_ids_differ_in_one_character()
    {
        var counts = Placement(Nodes("node-1", "node-2", "node-3")).Values.CountBy(o => o!).ToDictionary();

        Assert.Equal(3, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 280, 390));
    }

    [Fact]
    public void RendezvousHashing_should_move_only_about_one_in_n_shards_and_only_to_the_new_member_when_a_member_joins()
    {
        var before = Placement(Nodes("node-1", "node-2", "node-3"));
        var after = Placement(Nodes("node-1", "node-2", "node-3", "node-4"));

        var moved = before.Keys.Where(s => before[s] != after[s]).ToList();

        Assert.All(moved, s => Assert.Equal("node-4", after[s]));
        Assert.InRange(moved.Count, 180, 320);
    }

    [Fact]
    public void RendezvousHashing_should_move_only_the_shards_of_a_member_when_it_leaves()
    {
        var before = Placement(Nodes("node-1", "node-2", "node-3", "node-4"));
        var after = Placement(Nodes("node-1", "node-2", "node-4"));

        Assert.All(before.Keys.Where(s => before[s] != after[s]), s => Assert.Equal("node-3", before[s]));
        Assert.DoesNotContain("node-3", after.Values);
    }

    [Fact]
    public void RendezvousHashing_should_pick_distinct_members_best_first_when_asked_for_the_top_owners()
    {
        var members = Nodes("node-1", "node-2", "node-3", "node-4", "node-2");

        var top = RendezvousHashing.TopOwners("connection-7", members, 3);

        Assert.Equal(3, top.Select(m => m.NodeId).Distinct().Count());
        Assert.Equal(RendezvousHashing.OwnerOf("connection-7", members), top[0].NodeId);
        Assert.Equal(top, RendezvousHashing.TopOwners("connection-7", members, 4).Take(3));
        Assert.Equal(4, RendezvousHashing.TopOwners("connection-7", members, 10).Count);
    }

    [Fact]
    public void RendezvousHashing_should_keep_the_remaining_ranking_when_a_top_owner_leaves()
    {
        var members = Nodes("node-1", "node-2", "node-3", "node-4");
        var top = RendezvousHashing.TopOwners("connection-7", members, 4);

        var without = RendezvousHashing.TopOwners("connection-7", members.Where(m => m != top[0]).ToArray(), 3);

        Assert.Equal(top.Skip(1), without);
    }
}
