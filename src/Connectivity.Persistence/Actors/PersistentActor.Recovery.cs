namespace Connectivity.Persistence.Actors;

/// <summary>Recovery: latest snapshot, then the events after it, under the system's recovery cap.</summary>
public abstract partial class PersistentActor
{
    /// <summary>Recovers the state; messages wait in the mailbox until this completes.</summary>
    protected sealed override async ValueTask PreStart()
    {
        var extension = PersistenceExtension.Get(Context.System);
        settings = extension.Settings;
        await extension.AcquireRecoveryPermitAsync();
        try
        {
            await RecoverAsync(extension.Settings);
        }
        finally
        {
            extension.ReleaseRecoveryPermit();
        }

        await OnRecoveryCompleted();
    }

    private async Task RecoverAsync(PersistenceSettings persistence)
    {
        var snapshot = await persistence.Snapshots.LoadAsync(PersistenceId);
        if (snapshot is not null)
        {
            ApplySnapshot(snapshot.Manifest, snapshot.Payload);
            LastSequenceNr = snapshot.Metadata.SequenceNr;
        }

        lastSnapshotSequenceNr = LastSequenceNr;
        await foreach (var repr in persistence.Journal.ReplayAsync(PersistenceId, LastSequenceNr + 1, long.MaxValue))
        {
            ApplyEvent(EventAdapter.FromJournal(repr.Manifest, repr.Payload));
            LastSequenceNr = repr.SequenceNr;
        }

        // Deleted events leave no row to replay, but their numbers stay taken.
        LastSequenceNr = Math.Max(LastSequenceNr, await persistence.Journal.ReadHighestSequenceNrAsync(PersistenceId));
    }
}
