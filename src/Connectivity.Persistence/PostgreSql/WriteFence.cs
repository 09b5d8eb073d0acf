namespace Connectivity.Persistence.PostgreSql;

/// <summary>
/// The shard lease a journal write must still hold: the write lands only while the row of
/// <c>shard_leases</c> for (<paramref name="Region"/>, <paramref name="ShardId"/>) names this
/// <paramref name="Owner"/> at this <paramref name="Epoch"/> and has not expired by the database's clock.
/// </summary>
public sealed record WriteFence(string Region, string ShardId, string Owner, long Epoch);
