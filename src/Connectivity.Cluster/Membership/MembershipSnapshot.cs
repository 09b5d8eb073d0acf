namespace Connectivity.Cluster.Membership;

/// <summary>
/// An immutable view of the live members; <see cref="Version"/> increases by one each time the member set changes.
/// </summary>
/// <param name="Version">0 for <see cref="Empty"/>, then 1, 2, ... per change of the member set.</param>
/// <param name="Members">Live members sorted by <see cref="Member.NodeId"/> (ordinal).</param>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<Member> Members)
{
    /// <summary>The view before the first successful read: no members.</summary>
    public static MembershipSnapshot Empty { get; } = new(0, []);

    /// <summary>The view of single-node mode: this node alone, for ever.</summary>
    public static MembershipSnapshot Single(Member self) => new(1, [self]);

    public bool Contains(string nodeId) => Members.Any(m => m.NodeId == nodeId);

    /// <summary>Whether <paramref name="members"/> (sorted as <see cref="Members"/>) is the same member set as this one.</summary>
    public bool HasMembers(IReadOnlyList<Member> members) => Members.SequenceEqual(members);
}
