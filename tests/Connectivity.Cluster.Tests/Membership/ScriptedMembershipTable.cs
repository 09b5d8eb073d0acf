using Connectivity.Cluster.Membership;

namespace Connectivity.Cluster.Tests.Membership;

/// <summary>A membership table whose live members and failures the test sets; records heartbeats and leaves.</summary>
public sealed class ScriptedMembershipTable : IMembershipTable
{
    private readonly Lock gate = new();
    private IReadOnlyList<Member> live = [];

    public int Heartbeats { get; private set; }

    public List<string> Left { get; } = [];

    /// <summary>When set, every call throws as an unreachable database would.</summary>
    public bool Unreachable { get; set; }

    public void SetLive(params Member[] members)
    {
        lock (gate)
        {
            live = members;
        }
    }

    public Task HeartbeatAsync(Member self, CancellationToken ct)
    {
        ThrowIfUnreachable();
        lock (gate)
        {
            Heartbeats++;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Member>> ReadLiveAsync(TimeSpan downAfter, CancellationToken ct)
    {
        ThrowIfUnreachable();
        lock (gate)
        {
            return Task.FromResult(live);
        }
    }

    public Task LeaveAsync(string nodeId, CancellationToken ct)
    {
        ThrowIfUnreachable();
        lock (gate)
        {
            Left.Add(nodeId);
        }

        return Task.CompletedTask;
    }

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new InvalidOperationException("database unreachable");
        }
    }
}
