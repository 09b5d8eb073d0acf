using Connectivity.Actors;
using Connectivity.Persistence.Journal;
using Connectivity.Persistence.Snapshots;

namespace Connectivity.Persistence.Actors;

/// <summary>
/// An actor whose state is the fold of its events. It recovers in <see cref="PreStart"/> (snapshot, then the
/// events after it) before it sees any message; afterwards <see cref="PersistAsync(object)"/> makes events
/// durable, then applies them. <see cref="ApplyEvent"/> changes state only, so recovery and live handling
/// arrive at the same state. Needs <see cref="PersistenceExtension.Register"/> on the actor system.
/// </summary>
public abstract partial class PersistentActor : ActorBase
{
    private PersistenceSettings? settings;
    private long lastSnapshotSequenceNr;

    protected abstract string PersistenceId { get; }

    protected abstract IEventAdapter EventAdapter { get; }

    /// <summary>The sequence number of the latest event persisted (or recovered); 0 for a new actor.</summary>
    protected long LastSequenceNr { get; private set; }

    private PersistenceSettings Settings =>
        settings ?? throw new InvalidOperationException("The persistent actor has not recovered yet.");

    /// <summary>Changes state by one event, during recovery and after persisting; no effects on the outside world.</summary>
    protected abstract void ApplyEvent(object evt);

    /// <summary>The tags the journal records with an event (see <see cref="IJournal.PersistenceIdsByTagAsync"/>).</summary>
    protected virtual IReadOnlyList<string> TagsFor(object evt) => [];

    /// <summary>The current state in snapshot form; null (the default) means this actor takes no snapshots.</summary>
    protected virtual (string Manifest, string Payload)? CreateSnapshot() => null;

    /// <summary>Restores state from a snapshot <see cref="CreateSnapshot"/> made.</summary>
    protected virtual void ApplySnapshot(string manifest, string payload)
    {
    }

    /// <summary>Awaited once the state is recovered, before the first message.</summary>
    protected virtual ValueTask OnRecoveryCompleted() => default;

    protected Task PersistAsync(object evt) => PersistAsync([evt]);

    /// <summary>
    /// Writes the events atomically and durably, then applies them in order. A journal failure throws and
    /// nothing is applied, so the supervisor sees it and a restart recovers what the journal holds. Every
    /// <see cref="PersistenceSettings.SnapshotEvery"/> events a snapshot is saved in the background.
    /// </summary>
    protected async Task PersistAsync(IReadOnlyList<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var timestamp = Context.System.TimeProvider.GetUtcNow();
        var reprs = new PersistentRepr[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (manifest, payload) = EventAdapter.ToJournal(events[i]);
            reprs[i] = new PersistentRepr(
                PersistenceId, LastSequenceNr + i + 1, manifest, payload, TagsFor(events[i]), timestamp);
        }

        await Settings.Journal.WriteAsync(reprs);
        foreach (var evt in events)
        {
            ApplyEvent(evt);
            LastSequenceNr++;
        }

        if (LastSequenceNr - lastSnapshotSequenceNr >= Settings.SnapshotEvery)
        {
            SaveSnapshot(timestamp);
        }
    }

    /// <summary>Deletes this actor's events up to <paramref name="toSequenceNr"/>; its sequence numbers go on.</summary>
    protected Task DeleteMessagesAsync(long toSequenceNr) =>
        Settings.Journal.DeleteMessagesToAsync(PersistenceId, toSequenceNr);

    private void SaveSnapshot(DateTimeOffset timestamp)
    {
        if (CreateSnapshot() is not { } snapshot)
        {
            return;
        }

        lastSnapshotSequenceNr = LastSequenceNr;
        var metadata = new SnapshotMetadata(PersistenceId, LastSequenceNr, timestamp);
        _ = SaveSnapshotAsync(
            Settings.Snapshots, metadata, snapshot.Manifest, snapshot.Payload, Context.System.EventStream, Self.Path);
    }

    private static async Task SaveSnapshotAsync(
        ISnapshotStore snapshots, SnapshotMetadata metadata, string manifest, string payload, EventStream eventStream, ActorPath path)
    {
        try
        {
            await snapshots.SaveAsync(metadata, manifest, payload);
        }
        catch (Exception exception)
        {
            eventStream.Publish(new SaveSnapshotFailure(path, metadata.PersistenceId, metadata.SequenceNr, exception));
        }
    }
}
