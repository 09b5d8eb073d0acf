using Connectivity.Actors;
using Connectivity.Persistence.Actors;
using Connectivity.Persistence.Journal;
using Connectivity.Persistence.Snapshots;
using Connectivity.Persistence.Sqlite;
using Connectivity.Persistence.Tests.Sqlite;
using Xunit;

namespace Connectivity.Persistence.Tests.Actors;

public sealed class PersistentActorTests : IAsyncLifetime
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly TemporaryDatabase database = new();
    private readonly List<ActorSystem> systems = [];
    private SqliteStore? store;

    private SqliteStore Store => store ?? throw new InvalidOperationException("The store is not open.");

    public async Task InitializeAsync() => store = await SqliteStore.OpenAsync(database.Path);

    public async Task DisposeAsync()
    {
        foreach (var system in systems)
        {
            await system.Terminate();
        }

        await Store.DisposeAsync();
        database.Delete();
    }

    [Fact]
    public async Task PersistentActor_should_recover_its_state_when_restarted_after_a_failure()
    {
        var journal = new ObservedJournal(Store.Journal);
        var counter = StartSystem(journal).ActorOf(CounterActor.Props("counter-1"), "counter");
        await counter.Ask<CounterState>(new Increment(2), AskTimeout);
        await counter.Ask<CounterState>(new Increment(3), AskTimeout);

        counter.Tell(new Crash());
        var state = await counter.Ask<CounterState>(new GetCount(), AskTimeout);

        Assert.Equal(new CounterState(5, 2), state);
        Assert.Equal(2, journal.StartedReplays);
    }

    [Fact]
    public async Task PersistentActor_should_recover_its_state_when_started_on_a_reopened_store()
    {
        var first = StartSystem();
        var counter = first.ActorOf(CounterActor.Props("counter-1"), "counter");
        await counter.Ask<CounterState>(new Increment(4, Times: 3), AskTimeout);
        await first.Terminate();
        await Store.DisposeAsync();
        store = await SqliteStore.OpenAsync(database.Path);

        var again = StartSystem().ActorOf(CounterActor.Props("counter-1"), "counter");

        Assert.Equal(new CounterState(12, 3), await again.Ask<CounterState>(new GetCount(), AskTimeout));
        Assert.Equal(new CounterState(13, 4), await again.Ask<CounterState>(new Increment(1), AskTimeout));
    }

    [Fact]
    public async Task PersistentActor_should_recover_from_snapshot_and_tail_when_snapshots_were_taken()
    {
        var journal = new ObservedJournal(Store.Journal);
        var counter = StartSystem(journal, snapshotEvery: 5).ActorOf(CounterActor.Props("counter-1"), "counter");
        for (var i = 0; i < 12; i++)
        {
            await counter.Ask<CounterState>(new Increment(1), AskTimeout);
        }

        await Eventually.HoldsAsync(async () => (await Store.Snapshots.LoadAsync("counter-1"))?.Metadata.SequenceNr == 10);

        counter.Tell(new Crash());
        var state = await counter.Ask<CounterState>(new GetCount(), AskTimeout);

        Assert.Equal(new CounterState(12, 12), state);
        Assert.Equal(("counter-1", 11L), journal.Replays.Last());
    }

    [Fact]
    public async Task PersistentActor_should_recover_at_most_the_cap_at_once_when_many_actors_start()
    {
        const int Actors = 6;
        var journal = new ObservedJournal(Store.Journal) { HoldReplays = true };
        var system = StartSystem(journal, maxConcurrentRecoveries: 2);

        var counters = Enumerable.Range(0, Actors)
            .Select(i => system.ActorOf(CounterActor.Props($"counter-{i}"), $"counter-{i}"))
            .ToArray();
        await Eventually.HoldsAsync(() => journal.StartedReplays == 2);
        // Give the other actors the chance to break the cap before any replay is let through.
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, journal.StartedReplays);

        for (var i = 0; i < Actors; i++)
        {
            journal.ReleaseOneReplay();
        }

        foreach (var counter in counters)
        {
            Assert.Equal(new CounterState(0, 0), await counter.Ask<CounterState>(new GetCount(), AskTimeout));
        }

        Assert.Equal(Actors, journal.StartedReplays);
        Assert.Equal(2, journal.PeakConcurrentReplays);
    }

    [Fact]
    public async Task PersistentActor_should_continue_its_sequence_numbers_when_its_events_were_deleted()
    {
        var counter = StartSystem().ActorOf(CounterActor.Props("counter-1"), "counter");
        await counter.Ask<CounterState>(new Increment(1, Times: 3), AskTimeout);
        await counter.Ask<CounterState>(new DeleteEventsUpTo(3), AskTimeout);

        counter.Tell(new Crash());
        var state = await counter.Ask<CounterState>(new Increment(5), AskTimeout);

        Assert.Equal(new CounterState(5, 4), state);
    }

    [Fact]
    public async Task PersistentActor_should_tag_its_events_when_persisting()
    {
        var counter = StartSystem().ActorOf(CounterActor.Props("counter-1"), "counter");

        await counter.Ask<CounterState>(new Increment(1), AskTimeout);

        Assert.Equal(["counter-1"], await Store.Journal.PersistenceIdsByTagAsync("counter"));
    }

    [Fact]
    public async Task PersistentActor_should_publish_the_failure_and_go_on_when_a_snapshot_cannot_be_saved()
    {
        var system = StartSystem(snapshots: new FailingSnapshotStore(), snapshotEvery: 1);
        var failure = new TaskCompletionSource<SaveSnapshotFailure>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = system.EventStream.Subscribe<SaveSnapshotFailure>(f => failure.TrySetResult(f));
        var counter = system.ActorOf(CounterActor.Props("counter-1"), "counter");

        await counter.Ask<CounterState>(new Increment(1), AskTimeout);
        var published = await failure.Task.WaitAsync(AskTimeout);

        Assert.Equal(("counter-1", 1L), (published.PersistenceId, published.SequenceNr));
        Assert.IsType<IOException>(published.Cause);
        Assert.Equal(new CounterState(2, 2), await counter.Ask<CounterState>(new Increment(1), AskTimeout));
    }

    [Fact]
    public async Task PersistentActor_should_fail_to_its_supervisor_when_the_journal_refuses_a_write()
    {
        var system = StartSystem(new ObservedJournal(Store.Journal) { RefuseWrites = true });
        var error = new TaskCompletionSource<ActorError>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = system.EventStream.Subscribe<ActorError>(e => error.TrySetResult(e));
        var counter = system.ActorOf(CounterActor.Props("counter-1"), "counter");

        counter.Tell(new Increment(1));
        var published = await error.Task.WaitAsync(AskTimeout);

        Assert.IsType<IOException>(published.Exception);
        Assert.Equal(new CounterState(0, 0), await counter.Ask<CounterState>(new GetCount(), AskTimeout));
    }

    [Fact]
    public void PersistenceExtension_should_refuse_a_second_registration_when_the_system_has_one()
    {
        var system = StartSystem();

        Assert.Throws<InvalidOperationException>(
            () => PersistenceExtension.Register(system, new PersistenceSettings(Store.Journal, Store.Snapshots)));
    }

    private ActorSystem StartSystem(
        IJournal? journal = null, ISnapshotStore? snapshots = null, int snapshotEvery = 100, int maxConcurrentRecoveries = 50)
    {
        var system = ActorSystem.Create("persistence-test");
        systems.Add(system);
        PersistenceExtension.Register(
            system,
            new PersistenceSettings(journal ?? Store.Journal, snapshots ?? Store.Snapshots, snapshotEvery, maxConcurrentRecoveries));
        return system;
    }
}
