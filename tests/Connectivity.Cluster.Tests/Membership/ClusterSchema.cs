using Connectivity.Cluster.Leases;
using Connectivity.Cluster.Membership;
using Connectivity.Persistence.PostgreSql;
using Connectivity.TestKit.PostgreSql;
using Npgsql;

namespace Connectivity.Cluster.Tests.Membership;

/// <summary>
/// A schema of its own for one test, with the store's tables (created by <see cref="PostgreSqlStore"/>) and the
/// cluster tables over it; disposing drops the schema.
/// </summary>
public sealed class ClusterSchema : IAsyncDisposable
{
    private readonly PostgresFixture postgres;

    private ClusterSchema(PostgresFixture postgres, string name, NpgsqlDataSource dataSource)
    {
        this.postgres = postgres;
        Name = name;
        DataSource = dataSource;
        Members = new PostgreSqlMembershipTable(dataSource, name);
        Leases = new PostgreSqlShardLeaseTable(dataSource, name);
    }

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    public PostgreSqlMembershipTable Members { get; }

    public PostgreSqlShardLeaseTable Leases { get; }

    public static async Task<ClusterSchema> CreateAsync(PostgresFixture postgres)
    {
        var name = PostgresFixture.NewSchemaName("cluster");
        await using (await PostgreSqlStore.OpenAsync(postgres.ConnectionString, new PostgreSqlStoreOptions { Schema = name }))
        {
        }

        return new ClusterSchema(postgres, name, NpgsqlDataSource.Create(postgres.ConnectionString));
    }

    /// <summary>Runs SQL in this schema (table names unqualified) and returns the rows affected.</summary>
    public Task<int> ExecuteAsync(string sql) => postgres.ExecuteAsync($"SET search_path TO \"{Name}\"; {sql}");

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await postgres.DropSchemaAsync(Name);
    }
}
