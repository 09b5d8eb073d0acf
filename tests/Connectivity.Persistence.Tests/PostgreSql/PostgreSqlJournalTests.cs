using Connectivity.Persistence.Journal;
using Connectivity.Persistence.PostgreSql;
using Connectivity.TestKit.Persistence;
using Connectivity.TestKit.PostgreSql;
using Xunit;

namespace Connectivity.Persistence.Tests.PostgreSql;

/// <summary>The journal TCK against <see cref="PostgreSqlStore"/>, each test in a schema of its own; reopening means a new store on the same schema.</summary>
public sealed class PostgreSqlJournalTests(PostgresFixture postgres) : JournalConformanceTests, IClassFixture<PostgresFixture>
{
    private readonly string schema = PostgresFixture.NewSchemaName("journal");
    private PostgreSqlStore? store;

    protected override async Task<IJournal> OpenJournalAsync()
    {
        store = await PostgreSqlStore.OpenAsync(postgres.ConnectionString, new PostgreSqlStoreOptions { Schema = schema });
        return store.Journal;
    }

    protected override async Task CloseJournalAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    protected override Task DeleteStorageAsync() => postgres.DropSchemaAsync(schema);
}
