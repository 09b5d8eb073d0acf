using Connectivity.Cluster.Membership;
using Xunit;

namespace Connectivity.Cluster.Tests.Membership;

public sealed class MembershipSnapshotTests
{
    private static readonly DateTimeOffset Started = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MembershipSnapshot_should_hold_only_self_at_version_1_when_single_node()
    {
        var self = new Member("node-a", "http://a:8080", Started);

        var snapshot = MembershipSnapshot.Single(self);

        Assert.Equal(1, snapshot.Version);
        Assert.Equal([self], snapshot.Members);
        Assert.True(snapshot.Contains("node-a"));
        Assert.False(snapshot.Contains("node-b"));
    }

    [Fact]
    public void MembershipSnapshot_should_have_no_members_at_version_0_when_empty()
    {
        Assert.Equal(0, MembershipSnapshot.Empty.Version);
        Assert.Empty(MembershipSnapshot.Empty.Members);
        Assert.False(MembershipSnapshot.Empty.Contains("node-a"));
    }

    [Fact]
    public void MembershipSnapshot_should_have_the_same_members_only_when_every_member_is_equal()
    {
        var a = new Member("node-a", "http://a:8080", Started);
        var b = new Member("node-b", "http://b:8080", Started);
        var snapshot = new MembershipSnapshot(3, [a, b]);

        Assert.True(snapshot.HasMembers([a with { }, b with { }]));
        Assert.False(snapshot.HasMembers([a]));
        Assert.False(snapshot.HasMembers([a, b with { StartedAt = Started.AddSeconds(1) }]));
    }
}
