namespace Connectivity.Persistence.Journal;

/// <summary>
/// An append-only event journal keyed by persistence id and sequence number.
/// </summary>
public interface IJournal
{
    /// <summary>
    /// Writes a batch atomically: the task completes once every event is durable, or fails with nothing
    /// written. A sequence number not above the highest ever written for its persistence id (a duplicate,
    /// or one that was written and deleted) fails the batch with <see cref="JournalConflictException"/>.
    /// Cancellation is honoured only until the batch starts to be written.
    /// </summary>
    Task WriteAsync(IReadOnlyList<PersistentRepr> events, CancellationToken ct = default);

    /// <summary>Streams the events with fromSequenceNr &lt;= sequence number &lt;= toSequenceNr, ascending.</summary>
    IAsyncEnumerable<PersistentRepr> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken ct = default);

    /// <summary>
    /// The highest sequence number ever written for the id (0 if none); kept after
    /// <see cref="DeleteMessagesToAsync"/> removed the events.
    /// </summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken ct = default);

    /// <summary>Deletes the events with sequence number &lt;= toSequenceNr; durable when the task completes.</summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct = default);

    /// <summary>
    /// The ids (ascending, ordinal) whose latest written event carries the tag. Deleting events does not
    /// change an id's tags: they describe the latest event written, not the latest one kept.
    /// </summary>
    Task<IReadOnlyList<string>> PersistenceIdsByTagAsync(string tag, CancellationToken ct = default);

    /// <summary>Every id that was ever written to (ascending, ordinal), including ids whose events were deleted.</summary>
    Task<IReadOnlyList<string>> AllPersistenceIdsAsync(CancellationToken ct = default);
}
