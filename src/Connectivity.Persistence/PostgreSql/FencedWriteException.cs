namespace Connectivity.Persistence.PostgreSql;

/// <summary>
/// A journal write was refused because its writer no longer holds the shard lease named by its
/// <see cref="WriteFence"/>: the lease moved to another owner or epoch, expired, or does not exist. Nothing
/// of the batch was written.
/// </summary>
public sealed class FencedWriteException : Exception
{
    public FencedWriteException(WriteFence fence, string? currentOwner, long? currentEpoch, bool expired)
        : base(Describe(fence, currentOwner, currentEpoch, expired))
    {
        Fence = fence;
        CurrentOwner = currentOwner;
        CurrentEpoch = currentEpoch;
    }

    /// <summary>The lease the writer claimed to hold.</summary>
    public WriteFence Fence { get; }

    /// <summary>The lease's owner when the write was refused; null if there was no lease row.</summary>
    public string? CurrentOwner { get; }

    /// <summary>The lease's epoch when the write was refused; null if there was no lease row.</summary>
    public long? CurrentEpoch { get; }

    private static string Describe(WriteFence fence, string? currentOwner, long? currentEpoch, bool expired)
    {
        var shard = $"shard '{fence.ShardId}' of region '{fence.Region}'";
        var claim = $"'{fence.Owner}' at epoch {fence.Epoch}";
        if (currentOwner is null)
        {
            return $"Write by {claim} refused: {shard} has no lease.";
        }

        return currentOwner == fence.Owner && currentEpoch == fence.Epoch && expired
            ? $"Write by {claim} refused: its lease of {shard} has expired."
            : $"Write by {claim} refused: {shard} is leased to '{currentOwner}' at epoch {currentEpoch}{(expired ? " (expired)" : string.Empty)}.";
    }
}
