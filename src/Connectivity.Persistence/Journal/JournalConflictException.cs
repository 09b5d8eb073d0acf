namespace Connectivity.Persistence.Journal;

/// <summary>
/// A write used a sequence number that is not above the highest written for its persistence id (a
/// duplicate, a deleted one, or out of order): another writer got there first. Nothing of the failing
/// batch was written.
/// </summary>
public sealed class JournalConflictException : Exception
{
    public JournalConflictException(string persistenceId, long sequenceNr, long highestSequenceNr)
        : base($"Sequence number {sequenceNr} of '{persistenceId}' is not above the highest written ({highestSequenceNr}).")
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        HighestSequenceNr = highestSequenceNr;
    }

    /// <summary>The persistence id of the conflicting event.</summary>
    public string PersistenceId { get; }

    /// <summary>The conflicting sequence number.</summary>
    public long SequenceNr { get; }

    /// <summary>The highest sequence number already written for the id when the write was refused.</summary>
    public long HighestSequenceNr { get; }
}
