using Connectivity.Cluster.Membership;
using Connectivity.Cluster.Sharding;

namespace Connectivity.Cluster.Leases;

/// <summary>
/// Highest-random-weight placement: a key belongs to the member with the highest weight, the
/// <see cref="StableHash"/> of <c>key + "/" + nodeId</c> put through MurmurHash3's 32-bit finalizer (ties broken by
/// node id). Every node computes the same answer from the same members, and a member joining or leaving moves only
/// the keys it wins or held (about 1/n).
/// </summary>
public static class RendezvousHashing
{
    /// <summary>The node id owning <paramref name="shardId"/>, or null when there are no members.</summary>
    public static string? OwnerOf(string shardId, IReadOnlyList<Member> members) =>
        TopOwners(shardId, members, 1) is [var owner] ? owner.NodeId : null;

    /// <summary>
    /// The <paramref name="count"/> members (fewer when there are fewer distinct nodes) with the highest weight for
    /// <paramref name="key"/>, best first; client n of a connection goes to element n.
    /// </summary>
    public static IReadOnlyList<Member> TopOwners(string key, IReadOnlyList<Member> members, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return members
            .DistinctBy(m => m.NodeId)
            .Select(m => (Member: m, Weight: Weight(key, m.NodeId)))
            .OrderByDescending(w => w.Weight)
            .ThenBy(w => w.Member.NodeId, StringComparer.Ordinal)
            .Take(count)
            .Select(w => w.Member)
            .ToList();
    }

    /// <summary>
    /// FNV-1a alone changes little in its last bytes, so node ids differing in one character would win in a
    /// skewed share (half the keys to one of three); the finalizer spreads those differences over all bits.
    /// </summary>
    private static uint Weight(string key, string nodeId)
    {
        var hash = StableHash.Of(key + "/" + nodeId);
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return hash;
    }
}
