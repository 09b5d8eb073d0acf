namespace Connectivity.Cluster.Leases;

/// <summary>
/// The shared table of shard leases. Expiry is decided by the database's clock only; each method is one atomic
/// statement, so concurrent callers on different nodes never both hold a lease.
/// </summary>
public interface IShardLeaseTable
{
    /// <summary>
    /// Takes the lease for <paramref name="owner"/> until now + <paramref name="ttl"/>. A free or expired lease
    /// changes hands with the next epoch (1 for a new row); a live lease of <paramref name="owner"/> is renewed with
    /// the same epoch; a live lease of another owner is left alone and null returned.
    /// </summary>
    Task<ShardLease?> TryAcquireAsync(string region, string shardId, string owner, TimeSpan ttl, CancellationToken ct);

    /// <summary>Extends the lease to now + <paramref name="ttl"/> if its owner and epoch still match and it has not expired.</summary>
    /// <returns>false when the lease expired or was taken: the holder must stop the shard.</returns>
    Task<bool> RenewAsync(ShardLease lease, TimeSpan ttl, CancellationToken ct);

    /// <summary>Expires the lease now if its owner and epoch still match, so another node may take it at once.</summary>
    Task ReleaseAsync(ShardLease lease, CancellationToken ct);

    /// <summary>The leases of <paramref name="region"/> that have not expired, by the database's clock.</summary>
    Task<IReadOnlyList<ShardLease>> ReadAllAsync(string region, CancellationToken ct);
}
