namespace Connectivity.Persistence.Snapshots;

/// <summary>
/// Stores snapshots of persistent actors' state. Saving twice at the same sequence number replaces the
/// first snapshot. Timestamps are kept to the microsecond and handed back in UTC.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>Saves a snapshot; durable when the task completes.</summary>
    Task SaveAsync(SnapshotMetadata metadata, string manifest, string payload, CancellationToken ct = default);

    /// <summary>The snapshot with the highest sequence number &lt;= maxSequenceNr, or null.</summary>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken ct = default);

    /// <summary>Deletes the snapshots with sequence number &lt;= maxSequenceNr; durable when the task completes.</summary>
    Task DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken ct = default);
}
