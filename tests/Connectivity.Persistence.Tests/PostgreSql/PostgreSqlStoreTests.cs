using Connectivity.Persistence.Journal;
using Connectivity.Persistence.PostgreSql;
using Connectivity.Persistence.Snapshots;
using Connectivity.TestKit.PostgreSql;
using Connectivity.TestKit.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace Connectivity.Persistence.Tests.PostgreSql;

/// <summary>What the PostgreSQL store promises beyond the TCKs: schema creation and versioning, concurrent migration, disposal, cancellation.</summary>
public sealed class PostgreSqlStoreTests(PostgresFixture postgres, ITestOutputHelper output)
    : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly string schema = PostgresFixture.NewSchemaName("store");

    private PostgreSqlStoreOptions Options => new() { Schema = schema };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => postgres.DropSchemaAsync(schema);

    [Fact]
    public async Task PostgreSqlStore_should_create_schema_and_record_its_version_when_opened_on_an_empty_schema()
    {
        await using (await PostgreSqlStore.OpenAsync(postgres.ConnectionString, Options))
        {
        }

        Assert.Equal("1", await postgres.ScalarAsync<string>($"SELECT string_agg(version::text, ',') FROM {schema}.schema_version"));
        foreach (var table in new[] { "journal", "journal_ids", "snapshots", "cluster_members", "shard_leases" })
        {
            Assert.True(await postgres.ScalarAsync<bool>($"SELECT to_regclass('{schema}.{table}') IS NOT NULL"), table);
        }
    }

    [Fact]
    public async Task PostgreSqlStore_should_migrate_once_when_several_stores_open_an_empty_schema_at_once()
    {
        var stores = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgreSqlStore.OpenAsync(postgres.ConnectionString, Options))));
        try
        {
            Assert.Equal(1L, await postgres.ScalarAsync<long>($"SELECT count(*) FROM {schema}.schema_version"));
            await stores[0].Journal.WriteAsync([Event("a", 1)]);
            Assert.Equal(1, await stores[3].Journal.ReadHighestSequenceNrAsync("a"));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task PostgreSqlStore_should_keep_data_and_version_when_reopened()
    {
        await using (var store = await PostgreSqlStore.OpenAsync(postgres.ConnectionString, Options))
        {
            await store.Journal.WriteAsync([Event("a", 1), Event("a", 2)]);
            await store.Snapshots.SaveAsync(new SnapshotMetadata("a", 2, DateTimeOffset.UtcNow), "test.state", "{}");
        }

        await using (var store = await PostgreSqlStore.OpenAsync(postgres.ConnectionString, Options))
        {
            Assert.Equal(2, await store.Journal.ReadHighestSequenceNrAsync("a"));
            Assert.Equal(2, (await store.Snapshots.LoadAsync("a"))?.Metadata.SequenceNr);
        }

        Assert.Equal(1L, await postgres.ScalarAsync<long>($"SELECT count(*) FROM {schema}.schema_version"));
    }

    [Fact]
    public async Task PostgreSqlStore_should_refuse_the_schema_when_its_version_is_newer()
    {
        await using (await PostgreSqlStore.OpenAsync(postgres.ConnectionString, Options))
        {
        }

        await postgres.ExecuteAsync($"INSERT INTO {schema}.schema_version (version) VALUES (99)");

        await Assert.ThrowsAsync<NotSupportedException>(() => PostgreSqlStore.OpenAsync(postgres.ConnectionString, Options));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("bad-name")]
    [InlineData("x\"; DROP TABLE journal; --")]
    public async Task PostgreSqlStore_should_refuse_the_options_when_schema_is_not_a_plain_identifier(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => PostgreSqlStore.OpenAsync(postgres.ConnectionString, new PostgreSqlStoreOptions { Schema = name }));
    }

    [Fact]
    public async Task PostgreSqlStore_should_refuse_reads_and_writes_when_disposed()
    {
        var store = await PostgreSqlStore.OpenAsync(postgres.ConnectionString, Options);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Journal.WriteAsync([Event("a", 1)]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Journal.ReadHighestSequenceNrAsync("a"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Snapshots.LoadAsync("a"));
    }

    [Fact]
    public async Task PostgreSqlStore_should_not_write_a_batch_when_cancelled_before_it_is_written()
    {
        await using var store = await PostgreSqlStore.OpenAsync(postgres.ConnectionString, Options);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.Journal.WriteAsync([Event("a", 1)], new CancellationToken(canceled: true)));

        Assert.Equal(0, await store.Journal.ReadHighestSequenceNrAsync("a"));
    }

    /// <summary>Reports throughput and latency of many concurrent writers; asserts only that nothing got lost.</summary>
    [Fact]
    public async Task PostgreSqlStore_should_keep_every_event_when_64_writers_write_concurrently()
    {
        await using var store = await PostgreSqlStore.OpenAsync(postgres.ConnectionString, Options);
        await ConcurrentWriters.WriteAndCheckAsync(store.Journal, output);
    }

    private static PersistentRepr Event(string persistenceId, long sequenceNr) =>
        new(persistenceId, sequenceNr, "test.event", "{}", [], DateTimeOffset.UtcNow);
}
