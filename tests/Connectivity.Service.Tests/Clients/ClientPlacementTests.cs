using Connectivity.Cluster.Leases;
using Connectivity.Cluster.Membership;
using Connectivity.Service.Clients;
using Xunit;

namespace Connectivity.Service.Tests.Clients;

public sealed class ClientPlacementTests
{
    private static readonly IReadOnlyList<Member> Members =
        [.. Enumerable.Range(1, 5).Select(n => new Member($"node-{n}", $"http://127.0.0.1:{9100 + n}", DateTimeOffset.UnixEpoch))];

    [Fact]
    public void ClientPlacement_should_place_client_0_on_the_owner_when_the_owner_is_not_the_top_ranked_node()
    {
        foreach (var connectionId in ConnectionIds())
        {
            var topRanked = RendezvousHashing.TopOwners(connectionId, Members, 1)[0];
            var owner = Members.First(m => m != topRanked);

            var nodes = ClientPlacement.NodesFor(connectionId, owner, Members, 3);

            Assert.Equal(owner, nodes[0]);
        }
    }

    [Fact]
    public void ClientPlacement_should_place_the_other_clients_on_the_best_ranked_other_nodes_when_enough_nodes_live()
    {
        foreach (var connectionId in ConnectionIds())
        {
            var owner = Members[2];

            var nodes = ClientPlacement.NodesFor(connectionId, owner, Members, 4);

            Assert.Equal(4, nodes.Count);
            Assert.Equal(4, nodes.Select(n => n.NodeId).Distinct().Count());
            Assert.Equal(RendezvousHashing.TopOwners(connectionId, Members.Where(m => m != owner).ToList(), 3), nodes.Skip(1));
        }
    }

    [Fact]
    public void ClientPlacement_should_place_only_as_many_clients_as_nodes_when_fewer_nodes_than_clients()
    {
        var members = Members.Take(3).ToList();

        var nodes = ClientPlacement.NodesFor("conn-1", members[1], members, 5);

        Assert.Equal(3, nodes.Count);
        Assert.Equal(members[1], nodes[0]);
        Assert.Equal(members.Select(m => m.NodeId).Order(), nodes.Select(n => n.NodeId).Order());
    }

    [Fact]
    public void ClientPlacement_should_place_the_owner_alone_when_it_sees_no_other_member()
    {
        var owner = Members[0];

        Assert.Equal([owner], ClientPlacement.NodesFor("conn-1", owner, [], 3));
    }

    [Fact]
    public void ClientPlacement_should_agree_with_NodesFor_when_nothing_is_placed_yet()
    {
        foreach (var connectionId in ConnectionIds())
        {
            var placed = ClientPlacement.Place(connectionId, Members[0], Members, 3, new Dictionary<int, string>());

            Assert.Equal(ClientPlacement.NodesFor(connectionId, Members[0], Members, 3), placed.OrderBy(p => p.Key).Select(p => p.Value));
        }
    }

    [Fact]
    public void ClientPlacement_should_place_a_missing_client_on_a_node_without_a_client_when_its_node_left()
    {
        var live = Members.Take(3).ToList();
        var placed = new Dictionary<int, string> { [0] = "node-1", [2] = "node-2" };

        var placement = ClientPlacement.Place("conn-1", live[0], live, 3, placed);

        var (index, node) = Assert.Single(placement);
        Assert.Equal((1, "node-3"), (index, node.NodeId));
    }

    [Fact]
    public void ClientPlacement_should_place_nothing_when_every_live_node_already_hosts_a_client()
    {
        var live = Members.Take(2).ToList();
        var placed = new Dictionary<int, string> { [0] = "node-1", [1] = "node-2" };

        Assert.Empty(ClientPlacement.Place("conn-1", live[0], live, 4, placed));
    }

    private static IEnumerable<string> ConnectionIds() => Enumerable.Range(0, 50).Select(n => $"connection-{n}");
}
