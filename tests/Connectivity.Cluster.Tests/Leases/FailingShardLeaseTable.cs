using Connectivity.Cluster.Leases;

namespace Connectivity.Cluster.Tests.Leases;

/// <summary>Passes calls to a real lease table until <see cref="Unreachable"/> is set; then every call throws.</summary>
public sealed class FailingShardLeaseTable(IShardLeaseTable inner) : IShardLeaseTable
{
    private volatile bool unreachable;

    public bool Unreachable
    {
        get => unreachable;
        set => unreachable = value;
    }

    public Task<ShardLease?> TryAcquireAsync(string region, string shardId, string owner, TimeSpan ttl, CancellationToken ct) =>
        Unreachable ? Fail<ShardLease?>() : inner.TryAcquireAsync(region, shardId, owner, ttl, ct);

    public Task<bool> RenewAsync(ShardLease lease, TimeSpan ttl, CancellationToken ct) =>
        Unreachable ? Fail<bool>() : inner.RenewAsync(lease, ttl, ct);

    public Task ReleaseAsync(ShardLease lease, CancellationToken ct) =>
        Unreachable ? Fail<bool>() : inner.ReleaseAsync(lease, ct);

    public Task<IReadOnlyList<ShardLease>> ReadAllAsync(string region, CancellationToken ct) =>
        Unreachable ? Fail<IReadOnlyList<ShardLease>>() : inner.ReadAllAsync(region, ct);

    private static Task<T> Fail<T>() => Task.FromException<T>(new InvalidOperationException("database unreachable"));
}
