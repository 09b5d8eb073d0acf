using Connectivity.Persistence.Journal;
using Connectivity.Persistence.PostgreSql;
using Connectivity.Persistence.Tests.Actors;
using Connectivity.TestKit.PostgreSql;
using Npgsql;
using Xunit;

namespace Connectivity.Persistence.Tests.PostgreSql;

/// <summary>
/// Journal writes fenced by the shard lease: node A writes while it holds shard 7's lease; node B's takeover
/// (owner and epoch + 1) or the lease's expiry shuts A out, and the database refuses A's writes whole.
/// </summary>
public sealed class PostgreSqlFencingTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Region = "connection";
    private const string Shard = "7";

    private readonly string schema = PostgresFixture.NewSchemaName("fencing");
    private PostgreSqlStore? nodeA;
    private PostgreSqlStore? unfenced;

    private IJournal NodeA => nodeA!.Journal;

    private IJournal Unfenced => unfenced!.Journal;

    public async Task InitializeAsync()
    {
        unfenced = await PostgreSqlStore.OpenAsync(postgres.ConnectionString, new PostgreSqlStoreOptions { Schema = schema });
        nodeA = await PostgreSqlStore.OpenAsync(
            postgres.ConnectionString,
            new PostgreSqlStoreOptions
            {
                Schema = schema,
                Fence = id => id.StartsWith("conn-", StringComparison.Ordinal) ? new WriteFence(Region, Shard, "node-a", 1) : null,
            });
        await postgres.ExecuteAsync(
            $"INSERT INTO {schema}.shard_leases VALUES ('{Region}', '{Shard}', 'node-a', 1, clock_timestamp() + interval '1 minute')");
    }

    public async Task DisposeAsync()
    {
        await nodeA!.DisposeAsync();
        await unfenced!.DisposeAsync();
        await postgres.DropSchemaAsync(schema);
    }

    [Fact]
    public async Task Journal_should_write_and_record_writer_and_epoch_when_writer_holds_the_lease()
    {
        await NodeA.WriteAsync([Event("conn-1", 1), Event("conn-1", 2)]);

        Assert.Equal(2, await NodeA.ReadHighestSequenceNrAsync("conn-1"));
        Assert.Equal(
            "node-a/1,node-a/1",
            await postgres.ScalarAsync<string>(
                $"SELECT string_agg(writer || '/' || epoch, ',' ORDER BY sequence_nr) FROM {schema}.journal WHERE persistence_id = 'conn-1'"));
    }

    [Fact]
    public async Task Journal_should_refuse_the_whole_batch_when_another_owner_took_the_lease()
    {
        await NodeA.WriteAsync([Event("conn-1", 1)]);
        await TakeOverAsync();

        var refused = await Assert.ThrowsAsync<FencedWriteException>(
            () => NodeA.WriteAsync([Event("conn-1", 2), Event("conn-2", 1), Event("other", 1)]));

        Assert.Equal(new WriteFence(Region, Shard, "node-a", 1), refused.Fence);
        Assert.Equal("node-b", refused.CurrentOwner);
        Assert.Equal(2, refused.CurrentEpoch);
        Assert.Equal(1, await NodeA.ReadHighestSequenceNrAsync("conn-1"));
        Assert.Equal(["conn-1"], await NodeA.AllPersistenceIdsAsync());
        Assert.Equal(1L, await postgres.ScalarAsync<long>($"SELECT count(*) FROM {schema}.journal"));
    }

    [Fact]
    public async Task Journal_should_refuse_the_write_when_the_lease_expired()
    {
        await postgres.ExecuteAsync($"UPDATE {schema}.shard_leases SET expires_at = clock_timestamp() - interval '1 second'");

        var refused = await Assert.ThrowsAsync<FencedWriteException>(() => NodeA.WriteAsync([Event("conn-1", 1)]));

        Assert.Equal("node-a", refused.CurrentOwner);
        Assert.Contains("expired", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await NodeA.AllPersistenceIdsAsync());
    }

    [Fact]
    public async Task Journal_should_refuse_the_write_when_the_shard_has_no_lease()
    {
        await postgres.ExecuteAsync($"DELETE FROM {schema}.shard_leases");

        var refused = await Assert.ThrowsAsync<FencedWriteException>(() => NodeA.WriteAsync([Event("conn-1", 1)]));

        Assert.Null(refused.CurrentOwner);
        Assert.Empty(await NodeA.AllPersistenceIdsAsync());
    }

    [Fact]
    public async Task Journal_should_write_without_checking_a_lease_when_no_fence_given()
    {
        await TakeOverAsync();

        await Unfenced.WriteAsync([Event("conn-1", 1)]);
        await NodeA.WriteAsync([Event("other", 1)]);

        Assert.Equal(["conn-1", "other"], await Unfenced.AllPersistenceIdsAsync());
        Assert.Equal(
            0L, await postgres.ScalarAsync<long>($"SELECT count(*) FROM {schema}.journal WHERE writer IS NOT NULL OR epoch IS NOT NULL"));
    }

    [Fact]
    public async Task Journal_should_refuse_the_write_when_a_takeover_in_progress_commits_first()
    {
        await using var takeover = new NpgsqlConnection(postgres.ConnectionString);
        await takeover.OpenAsync();
        await using var transaction = await takeover.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand(TakeOverSql, takeover, transaction))
        {
            await update.ExecuteNonQueryAsync();
        }

        var write = NodeA.WriteAsync([Event("conn-1", 1)]);
        await Eventually.HoldsAsync(async () => await postgres.ScalarAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE {takeover.ProcessID} = ANY (pg_blocking_pids(pid)))"));
        Assert.False(write.IsCompleted);
        await transaction.CommitAsync();

        var refused = await Assert.ThrowsAsync<FencedWriteException>(() => write);
        Assert.Equal("node-b", refused.CurrentOwner);
        Assert.Empty(await NodeA.AllPersistenceIdsAsync());
    }

    private string TakeOverSql =>
        $"UPDATE {schema}.shard_leases SET owner = 'node-b', epoch = epoch + 1, expires_at = clock_timestamp() + interval '1 minute' " +
        $"WHERE region = '{Region}' AND shard_id = '{Shard}'";

    private Task TakeOverAsync() => postgres.ExecuteAsync(TakeOverSql);

    private static PersistentRepr Event(string persistenceId, long sequenceNr) =>
        new(persistenceId, sequenceNr, "test.event", "{}", [], DateTimeOffset.UtcNow);
}
