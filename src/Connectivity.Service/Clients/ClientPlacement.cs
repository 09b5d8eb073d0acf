using Connectivity.Cluster.Leases;
using Connectivity.Cluster.Membership;

namespace Connectivity.Service.Clients;

/// <summary>
/// Where the clients of a connection run in cluster mode (spec §4.4, one client per node): client 0 on the owner
/// node (where the connection actor runs), the others on the other live nodes in rendezvous order of the connection
/// id. With fewer nodes than <c>clientCount</c>, the missing clients are not placed (their status is misconfigured).
/// </summary>
public static class ClientPlacement
{
    /// <summary>The nodes of clients 0, 1, ... : <paramref name="owner"/> first, then the best-ranked other live members.</summary>
    public static IReadOnlyList<Member> NodesFor(string connectionId, Member owner, IReadOnlyList<Member> liveMembers, int clientCount)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (clientCount <= 0)
        {
            return [];
        }

        var others = liveMembers.Where(m => m.NodeId != owner.NodeId).ToList();
        return [owner, .. RendezvousHashing.TopOwners(connectionId, others, clientCount - 1)];
    }

    /// <summary>
    /// Nodes for the client indexes not in <paramref name="placed"/> (index → node id of the clients that run): the
    /// nodes of <see cref="NodesFor"/> over all live members that host none of the connection's clients yet, in order,
    /// to the missing indexes in ascending order. Indexes left without a node get none.
    /// </summary>
    public static IReadOnlyDictionary<int, Member> Place(
        string connectionId, Member owner, IReadOnlyList<Member> liveMembers, int clientCount, IReadOnlyDictionary<int, string> placed)
    {
        ArgumentNullException.ThrowIfNull(placed);
        var used = placed.Values.ToHashSet(StringComparer.Ordinal);
        var free = new Queue<Member>(NodesFor(connectionId, owner, liveMembers, Math.Max(clientCount, liveMembers.Count + 1))
            .Where(m => !used.Contains(m.NodeId)));
        var result = new Dictionary<int, Member>();
        for (var index = 0; index < clientCount && free.Count > 0; index++)
        {
            if (!placed.ContainsKey(index))
            {
                result[index] = free.Dequeue();
            }
        }

        return result;
    }
}
