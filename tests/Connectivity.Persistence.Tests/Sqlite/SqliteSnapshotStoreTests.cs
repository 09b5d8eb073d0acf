using Connectivity.Persistence.Snapshots;
using Connectivity.Persistence.Sqlite;
using Connectivity.TestKit.Persistence;

namespace Connectivity.Persistence.Tests.Sqlite;

/// <summary>The snapshot store TCK against <see cref="SqliteStore"/>; reopening means a new store on the same file.</summary>
public sealed class SqliteSnapshotStoreTests : SnapshotStoreConformanceTests
{
    private readonly TemporaryDatabase database = new();
    private SqliteStore? store;

    protected override async Task<ISnapshotStore> OpenSnapshotStoreAsync()
    {
        store = await SqliteStore.OpenAsync(database.Path);
        return store.Snapshots;
    }

    protected override async Task CloseSnapshotStoreAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    protected override Task DeleteStorageAsync()
    {
        database.Delete();
        return Task.CompletedTask;
    }
}
