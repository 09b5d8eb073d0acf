using Connectivity.Persistence.Snapshots;
using Xunit;

namespace Connectivity.TestKit.Persistence;

/// <summary>
/// The snapshot store TCK: every <see cref="ISnapshotStore"/> backend subclasses this and supplies a store
/// on fresh storage. xunit creates one instance per test, so each test starts empty.
/// </summary>
public abstract class SnapshotStoreConformanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Epoch = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private ISnapshotStore? snapshots;

    /// <summary>The store under test (reopened by <see cref="ReopenAsync"/>).</summary>
    protected ISnapshotStore Snapshots => snapshots ?? throw new InvalidOperationException("The snapshot store is not open.");

    /// <summary>Opens the store on this test's storage; called again after a close to prove durability.</summary>
    protected abstract Task<ISnapshotStore> OpenSnapshotStoreAsync();

    /// <summary>Closes the store opened last, keeping its storage.</summary>
    protected abstract Task CloseSnapshotStoreAsync();

    /// <summary>Removes this test's storage once the store is closed.</summary>
    protected virtual Task DeleteStorageAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => snapshots = await OpenSnapshotStoreAsync();

    public async Task DisposeAsync()
    {
        await CloseSnapshotStoreAsync();
        await DeleteStorageAsync();
    }

    /// <summary>Closes the store and opens a new one on the same storage.</summary>
    protected async Task ReopenAsync()
    {
        await CloseSnapshotStoreAsync();
        snapshots = await OpenSnapshotStoreAsync();
    }

    protected static SnapshotMetadata Metadata(string persistenceId, long sequenceNr) =>
        new(persistenceId, sequenceNr, Epoch.AddSeconds(sequenceNr).AddTicks(10 * sequenceNr));

    protected Task SaveAsync(string persistenceId, long sequenceNr) =>
        Snapshots.SaveAsync(Metadata(persistenceId, sequenceNr), "test.state", $$"""{"id":"{{persistenceId}}","n":{{sequenceNr}}}""");

    [Fact]
    public async Task SnapshotStore_should_return_null_when_nothing_saved()
    {
        Assert.Null(await Snapshots.LoadAsync("a"));
    }

    [Fact]
    public async Task SnapshotStore_should_load_every_field_when_saved()
    {
        var metadata = new SnapshotMetadata("a", 7, new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.FromHours(-5)).AddTicks(4560));
        await Snapshots.SaveAsync(metadata, "connectivity.state:connection", """{"s":"ü\"x","n":[1]}""");

        var loaded = await Snapshots.LoadAsync("a");

        Assert.NotNull(loaded);
        Assert.Equal(metadata, loaded.Metadata);
        Assert.Equal("connectivity.state:connection", loaded.Manifest);
        Assert.Equal("""{"s":"ü\"x","n":[1]}""", loaded.Payload);
    }

    [Fact]
    public async Task SnapshotStore_should_load_latest_when_several_saved()
    {
        await SaveAsync("a", 5);
        await SaveAsync("a", 15);
        await SaveAsync("a", 10);
        await SaveAsync("b", 20);

        var loaded = await Snapshots.LoadAsync("a");

        Assert.Equal(15, loaded?.Metadata.SequenceNr);
        Assert.Equal("""{"id":"a","n":15}""", loaded?.Payload);
    }

    [Fact]
    public async Task SnapshotStore_should_load_latest_at_or_below_max_when_max_sequence_nr_given()
    {
        await SaveAsync("a", 5);
        await SaveAsync("a", 10);
        await SaveAsync("a", 15);

        Assert.Equal(10, (await Snapshots.LoadAsync("a", 14))?.Metadata.SequenceNr);
        Assert.Equal(10, (await Snapshots.LoadAsync("a", 10))?.Metadata.SequenceNr);
        Assert.Null(await Snapshots.LoadAsync("a", 4));
    }

    [Fact]
    public async Task SnapshotStore_should_replace_snapshot_when_saved_twice_at_same_sequence_nr()
    {
        await SaveAsync("a", 5);
        await Snapshots.SaveAsync(Metadata("a", 5), "test.state", "{\"second\":true}");

        Assert.Equal("{\"second\":true}", (await Snapshots.LoadAsync("a"))?.Payload);
    }

    [Fact]
    public async Task SnapshotStore_should_delete_snapshots_up_to_sequence_nr_when_deleting()
    {
        await SaveAsync("a", 5);
        await SaveAsync("a", 10);
        await SaveAsync("a", 15);
        await SaveAsync("b", 5);

        await Snapshots.DeleteAsync("a", 10);

        Assert.Equal(15, (await Snapshots.LoadAsync("a"))?.Metadata.SequenceNr);
        Assert.Null(await Snapshots.LoadAsync("a", 14));
        Assert.Equal(5, (await Snapshots.LoadAsync("b"))?.Metadata.SequenceNr);

        await Snapshots.DeleteAsync("a", long.MaxValue);

        Assert.Null(await Snapshots.LoadAsync("a"));
    }

    [Fact]
    public async Task SnapshotStore_should_find_snapshots_when_reopened()
    {
        await SaveAsync("a", 5);
        await SaveAsync("a", 10);
        await SaveAsync("b", 3);
        await Snapshots.DeleteAsync("b", 3);

        await ReopenAsync();

        Assert.Equal(10, (await Snapshots.LoadAsync("a"))?.Metadata.SequenceNr);
        Assert.Null(await Snapshots.LoadAsync("b"));
    }
}
