namespace Connectivity.Cluster.Leases;

/// <summary>
/// The right of <paramref name="Owner"/> to run shard <paramref name="ShardId"/> of <paramref name="Region"/>.
/// <paramref name="Epoch"/> grows by one each time the lease changes hands (or is taken again after expiring), so
/// (Owner, Epoch) fences journal writes of a former holder.
/// </summary>
/// <param name="ExpiresAt">Expiry by the database's clock, as last read; compare it only inside the database.</param>
public sealed record ShardLease(string Region, string ShardId, string Owner, long Epoch, DateTimeOffset ExpiresAt);
