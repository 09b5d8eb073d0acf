using Connectivity.Persistence.Journal;
using Xunit;

namespace Connectivity.TestKit.Persistence;

/// <summary>
/// The journal TCK: every <see cref="IJournal"/> backend subclasses this and supplies a journal on fresh
/// storage. xunit creates one instance per test, so each test starts empty.
/// </summary>
public abstract class JournalConformanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Epoch = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private IJournal? journal;

    /// <summary>The journal under test (reopened by <see cref="ReopenAsync"/>).</summary>
    protected IJournal Journal => journal ?? throw new InvalidOperationException("The journal is not open.");

    /// <summary>Opens the journal on this test's storage; called again after a close to prove durability.</summary>
    protected abstract Task<IJournal> OpenJournalAsync();

    /// <summary>Closes the journal opened last, keeping its storage.</summary>
    protected abstract Task CloseJournalAsync();

    /// <summary>Removes this test's storage once the journal is closed.</summary>
    protected virtual Task DeleteStorageAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => journal = await OpenJournalAsync();

    public async Task DisposeAsync()
    {
        await CloseJournalAsync();
        await DeleteStorageAsync();
    }

    /// <summary>Closes the journal and opens a new one on the same storage.</summary>
    protected async Task ReopenAsync()
    {
        await CloseJournalAsync();
        journal = await OpenJournalAsync();
    }

    /// <summary>An event with a predictable payload and timestamp.</summary>
    protected static PersistentRepr Event(string persistenceId, long sequenceNr, params string[] tags) =>
        new(
            persistenceId,
            sequenceNr,
            "test.event",
            $$"""{"id":"{{persistenceId}}","n":{{sequenceNr}}}""",
            tags,
            Epoch.AddMilliseconds(sequenceNr).AddTicks(10 * sequenceNr));

    protected static PersistentRepr[] Events(string persistenceId, long from, long to) =>
        [.. LongRange(from, to).Select(n => Event(persistenceId, n))];

    protected async Task<long[]> ReplaySequenceNrsAsync(string persistenceId, long from = 1, long to = long.MaxValue)
    {
        var replayed = new List<long>();
        await foreach (var evt in Journal.ReplayAsync(persistenceId, from, to))
        {
            replayed.Add(evt.SequenceNr);
        }

        return [.. replayed];
    }

    protected static long[] LongRange(long from, long to) =>
        [.. Enumerable.Range(0, (int)(to - from + 1)).Select(i => from + i)];

    [Fact]
    public async Task Journal_should_replay_events_in_order_when_written()
    {
        await Journal.WriteAsync(Events("a", 1, 3));
        await Journal.WriteAsync(Events("a", 4, 5));

        Assert.Equal(LongRange(1, 5), await ReplaySequenceNrsAsync("a"));
    }

    [Fact]
    public async Task Journal_should_replay_only_the_range_when_bounds_given()
    {
        await Journal.WriteAsync(Events("a", 1, 10));

        Assert.Equal(LongRange(3, 7), await ReplaySequenceNrsAsync("a", 3, 7));
        Assert.Equal(new long[] { 10 }, await ReplaySequenceNrsAsync("a", 10, 20));
        Assert.Empty(await ReplaySequenceNrsAsync("a", 11, 20));
    }

    [Fact]
    public async Task Journal_should_replay_nothing_when_persistence_id_unknown()
    {
        await Journal.WriteAsync(Events("a", 1, 2));

        Assert.Empty(await ReplaySequenceNrsAsync("b"));
    }

    [Fact]
    public async Task Journal_should_return_every_field_when_replaying()
    {
        var written = new PersistentRepr(
            "conn-1", 1, "connectivity.events:connectionCreated", """{"a":[1,2],"s":"ü\"x"}""",
            ["always-alive", "tag with space"], new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.FromHours(2)).AddTicks(1234560));
        await Journal.WriteAsync([written]);

        var replayed = Assert.Single(await Journal.ReplayAsync("conn-1", 1, 1).ToListAsync());

        Assert.Equal(written.PersistenceId, replayed.PersistenceId);
        Assert.Equal(written.SequenceNr, replayed.SequenceNr);
        Assert.Equal(written.Manifest, replayed.Manifest);
        Assert.Equal(written.Payload, replayed.Payload);
        Assert.Equal(written.Tags, replayed.Tags);
        Assert.Equal(written.Timestamp, replayed.Timestamp);
    }

    [Fact]
    public async Task Journal_should_throw_conflict_when_sequence_nr_already_written()
    {
        await Journal.WriteAsync(Events("a", 1, 3));

        var conflict = await Assert.ThrowsAsync<JournalConflictException>(() => Journal.WriteAsync([Event("a", 2)]));

        Assert.Equal("a", conflict.PersistenceId);
        Assert.Equal(2, conflict.SequenceNr);
    }

    [Fact]
    public async Task Journal_should_throw_conflict_when_batch_repeats_a_sequence_nr()
    {
        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.WriteAsync([Event("a", 1), Event("a", 1)]));

        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("a"));
    }

    [Fact]
    public async Task Journal_should_write_nothing_of_the_batch_when_one_event_conflicts()
    {
        await Journal.WriteAsync([Event("a", 1, "old")]);

        await Assert.ThrowsAsync<JournalConflictException>(
            () => Journal.WriteAsync([Event("b", 1, "new"), Event("a", 2, "new"), Event("a", 1, "new")]));

        Assert.Equal(new long[] { 1 }, await ReplaySequenceNrsAsync("a"));
        Assert.Empty(await ReplaySequenceNrsAsync("b"));
        Assert.Equal(1, await Journal.ReadHighestSequenceNrAsync("a"));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("b"));
        Assert.Equal(["a"], await Journal.AllPersistenceIdsAsync());
        Assert.Equal(["a"], await Journal.PersistenceIdsByTagAsync("old"));
        Assert.Empty(await Journal.PersistenceIdsByTagAsync("new"));
    }

    [Fact]
    public async Task Journal_should_throw_conflict_when_sequence_nr_was_deleted()
    {
        await Journal.WriteAsync(Events("a", 1, 3));
        await Journal.DeleteMessagesToAsync("a", 3);

        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.WriteAsync([Event("a", 3)]));
        await Journal.WriteAsync([Event("a", 4)]);

        Assert.Equal(new long[] { 4 }, await ReplaySequenceNrsAsync("a"));
    }

    [Fact]
    public async Task Journal_should_write_all_ids_when_batch_spans_several()
    {
        await Journal.WriteAsync([Event("a", 1), Event("b", 1), Event("a", 2)]);

        Assert.Equal(new long[] { 1, 2 }, await ReplaySequenceNrsAsync("a"));
        Assert.Equal(new long[] { 1 }, await ReplaySequenceNrsAsync("b"));
    }

    [Fact]
    public async Task Journal_should_complete_when_batch_empty()
    {
        await Journal.WriteAsync([]);

        Assert.Empty(await Journal.AllPersistenceIdsAsync());
    }

    [Fact]
    public async Task Journal_should_return_zero_highest_sequence_nr_when_persistence_id_unknown()
    {
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("unknown"));
    }

    [Fact]
    public async Task Journal_should_return_highest_sequence_nr_when_events_written()
    {
        await Journal.WriteAsync(Events("a", 1, 4));
        await Journal.WriteAsync(Events("b", 1, 9));

        Assert.Equal(4, await Journal.ReadHighestSequenceNrAsync("a"));
        Assert.Equal(9, await Journal.ReadHighestSequenceNrAsync("b"));
    }

    [Fact]
    public async Task Journal_should_keep_highest_sequence_nr_when_all_events_deleted()
    {
        await Journal.WriteAsync(Events("a", 1, 5));

        await Journal.DeleteMessagesToAsync("a", long.MaxValue);

        Assert.Empty(await ReplaySequenceNrsAsync("a"));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("a"));
        Assert.Equal(["a"], await Journal.AllPersistenceIdsAsync());
    }

    [Fact]
    public async Task Journal_should_replay_the_rest_when_messages_deleted_to_a_sequence_nr()
    {
        await Journal.WriteAsync(Events("a", 1, 6));
        await Journal.WriteAsync(Events("b", 1, 2));

        await Journal.DeleteMessagesToAsync("a", 4);

        Assert.Equal(new long[] { 5, 6 }, await ReplaySequenceNrsAsync("a"));
        Assert.Equal(new long[] { 1, 2 }, await ReplaySequenceNrsAsync("b"));
    }

    [Fact]
    public async Task Journal_should_return_ids_by_tag_when_latest_event_carries_tag()
    {
        await Journal.WriteAsync([Event("c", 1, "open"), Event("c", 2, "open", "blue")]);
        await Journal.WriteAsync([Event("a", 1, "open")]);
        await Journal.WriteAsync([Event("b", 1, "closed")]);

        Assert.Equal(["a", "c"], await Journal.PersistenceIdsByTagAsync("open"));
        Assert.Equal(["c"], await Journal.PersistenceIdsByTagAsync("blue"));
        Assert.Equal(["b"], await Journal.PersistenceIdsByTagAsync("closed"));
        Assert.Empty(await Journal.PersistenceIdsByTagAsync("unknown"));
    }

    [Fact]
    public async Task Journal_should_not_return_id_by_tag_when_latest_event_dropped_tag()
    {
        await Journal.WriteAsync([Event("a", 1, "open")]);
        await Journal.WriteAsync([Event("b", 1, "open")]);

        await Journal.WriteAsync([Event("a", 2, "closed")]);
        await Journal.WriteAsync([Event("b", 2)]);

        Assert.Empty(await Journal.PersistenceIdsByTagAsync("open"));
        Assert.Equal(["a"], await Journal.PersistenceIdsByTagAsync("closed"));
    }

    [Fact]
    public async Task Journal_should_list_all_persistence_ids_sorted_when_written()
    {
        foreach (var id in new[] { "m", "b", "z", "a" })
        {
            await Journal.WriteAsync([Event(id, 1)]);
        }

        await Journal.WriteAsync([Event("b", 2)]);

        Assert.Equal(["a", "b", "m", "z"], await Journal.AllPersistenceIdsAsync());
    }

    [Fact]
    public async Task Journal_should_keep_every_event_when_writers_to_different_ids_run_concurrently()
    {
        const int Writers = 32;
        const int EventsPerWriter = 20;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var n = 1; n <= EventsPerWriter; n++)
            {
                await Journal.WriteAsync([Event($"writer-{w:D2}", n)]);
            }
        })));

        for (var w = 0; w < Writers; w++)
        {
            Assert.Equal(LongRange(1, EventsPerWriter), await ReplaySequenceNrsAsync($"writer-{w:D2}"));
        }

        Assert.Equal(Writers, (await Journal.AllPersistenceIdsAsync()).Count);
    }

    [Fact]
    public async Task Journal_should_fail_only_the_conflicting_batches_when_batches_race()
    {
        await Journal.WriteAsync(Events("taken", 1, 1));

        var writes = Enumerable.Range(0, 40)
            .Select(i => i % 4 == 0
                ? Journal.WriteAsync([Event("taken", 1)])
                : Journal.WriteAsync(Events($"free-{i:D2}", 1, 3)))
            .ToArray();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        for (var i = 0; i < writes.Length; i++)
        {
            if (i % 4 == 0)
            {
                Assert.IsType<JournalConflictException>(writes[i].Exception?.InnerException);
            }
            else
            {
                Assert.True(writes[i].IsCompletedSuccessfully);
                Assert.Equal(LongRange(1, 3), await ReplaySequenceNrsAsync($"free-{i:D2}"));
            }
        }

        Assert.Equal(new long[] { 1 }, await ReplaySequenceNrsAsync("taken"));
    }

    [Fact]
    public async Task Journal_should_find_everything_when_reopened()
    {
        await Journal.WriteAsync([Event("a", 1, "open"), Event("a", 2, "open")]);
        await Journal.WriteAsync(Events("b", 1, 3));
        await Journal.DeleteMessagesToAsync("b", 3);

        await ReopenAsync();

        Assert.Equal(new long[] { 1, 2 }, await ReplaySequenceNrsAsync("a"));
        Assert.Empty(await ReplaySequenceNrsAsync("b"));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("b"));
        Assert.Equal(["a"], await Journal.PersistenceIdsByTagAsync("open"));
        Assert.Equal(["a", "b"], await Journal.AllPersistenceIdsAsync());
        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.WriteAsync([Event("a", 2)]));
    }
}
