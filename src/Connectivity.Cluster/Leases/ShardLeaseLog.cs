using Microsoft.Extensions.Logging;

namespace Connectivity.Cluster.Leases;

/// <summary>Service log lines of <see cref="ShardLeaseManager"/>.</summary>
internal static partial class ShardLeaseLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Region {Region}: acquired shard {ShardId} at epoch {Epoch}")]
    public static partial void Acquired(ILogger logger, string region, string shardId, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Region {Region}: handing shard {ShardId} off to {Owner}")]
    public static partial void HandingOff(ILogger logger, string region, string shardId, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}: renewing shard {ShardId} at epoch {Epoch} failed")]
    public static partial void RenewFailed(ILogger logger, string region, string shardId, long epoch, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}: the lease of shard {ShardId} at epoch {Epoch} expired or was taken; shard lost")]
    public static partial void LeaseTaken(ILogger logger, string region, string shardId, long epoch);

    [LoggerMessage(Level = LogLevel.Error, Message = "Region {Region}: renewals failed too long; giving up {Count} shards before their leases expire")]
    public static partial void RenewalsOverdue(ILogger logger, string region, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}: acquiring shard {ShardId} failed")]
    public static partial void AcquireFailed(ILogger logger, string region, string shardId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}: releasing shard {ShardId} at epoch {Epoch} failed; it frees when the lease expires")]
    public static partial void ReleaseFailed(ILogger logger, string region, string shardId, long epoch, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}: reading the shard owners failed; keeping the last ones")]
    public static partial void ReadFailed(ILogger logger, string region, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Region {Region}: stopping shard {ShardId} before its hand-off failed; releasing it anyway")]
    public static partial void BeforeReleaseFailed(ILogger logger, string region, string shardId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Region {Region}: a shard callback for shard {ShardId} failed")]
    public static partial void CallbackFailed(ILogger logger, string region, string shardId, Exception exception);
}
