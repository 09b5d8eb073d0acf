using Connectivity.Persistence.PostgreSql;
using Connectivity.Persistence.Snapshots;
using Connectivity.TestKit.Persistence;
using Connectivity.TestKit.PostgreSql;
using Xunit;

namespace Connectivity.Persistence.Tests.PostgreSql;

/// <summary>The snapshot store TCK against <see cref="PostgreSqlStore"/>, each test in a schema of its own; reopening means a new store on the same schema.</summary>
public sealed class PostgreSqlSnapshotStoreTests(PostgresFixture postgres)
    : SnapshotStoreConformanceTests, IClassFixture<PostgresFixture>
{
    private readonly string schema = PostgresFixture.NewSchemaName("snapshots");
    private PostgreSqlStore? store;

    protected override async Task<ISnapshotStore> OpenSnapshotStoreAsync()
    {
        store = await PostgreSqlStore.OpenAsync(postgres.ConnectionString, new PostgreSqlStoreOptions { Schema = schema });
        return store.Snapshots;
    }

    protected override async Task CloseSnapshotStoreAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    protected override Task DeleteStorageAsync() => postgres.DropSchemaAsync(schema);
}
