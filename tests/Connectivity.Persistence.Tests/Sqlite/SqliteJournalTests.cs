using Connectivity.Persistence.Journal;
using Connectivity.Persistence.Sqlite;
using Connectivity.TestKit.Persistence;

namespace Connectivity.Persistence.Tests.Sqlite;

/// <summary>The journal TCK against <see cref="SqliteStore"/>; reopening means a new store on the same file.</summary>
public sealed class SqliteJournalTests : JournalConformanceTests
{
    private readonly TemporaryDatabase database = new();
    private SqliteStore? store;

    protected override async Task<IJournal> OpenJournalAsync()
    {
        store = await SqliteStore.OpenAsync(database.Path);
        return store.Journal;
    }

    protected override async Task CloseJournalAsync()
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
