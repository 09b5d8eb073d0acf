using Connectivity.Cluster.Leases;
using Connectivity.Cluster.Tests.Membership;
using Connectivity.TestKit.PostgreSql;
using Xunit;

namespace Connectivity.Cluster.Tests.Leases;

/// <summary>The lease table against PostgreSQL: acquire, renew, release, expiry by the database clock, epochs, races.</summary>
public sealed class PostgreSqlShardLeaseTableTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    private ClusterSchema schema = null!;

    private PostgreSqlShardLeaseTable Table => schema.Leases;

    public async Task InitializeAsync() => schema = await ClusterSchema.CreateAsync(postgres);

    public async Task DisposeAsync() => await schema.DisposeAsync();

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_grant_epoch_1_when_the_shard_was_never_leased()
    {
        var lease = await Table.TryAcquireAsync("connection", "7", "node-a", Long, default);

        Assert.NotNull(lease);
        Assert.Equal(("connection", "7", "node-a", 1L), (lease.Region, lease.ShardId, lease.Owner, lease.Epoch));
        Assert.Equal([lease], await Table.ReadAllAsync("connection", default));
    }

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_renew_with_the_same_epoch_when_the_owner_acquires_again()
    {
        var first = await Table.TryAcquireAsync("connection", "7", "node-a", TimeSpan.FromSeconds(30), default);
        var again = await Table.TryAcquireAsync("connection", "7", "node-a", Long, default);

        Assert.NotNull(again);
        Assert.Equal(first!.Epoch, again.Epoch);
        Assert.True(again.ExpiresAt > first.ExpiresAt);
    }

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_refuse_another_owner_when_the_lease_is_live()
    {
        await Table.TryAcquireAsync("connection", "7", "node-a", Long, default);

        Assert.Null(await Table.TryAcquireAsync("connection", "7", "node-b", Long, default));
        Assert.Equal("node-a", Assert.Single(await Table.ReadAllAsync("connection", default)).Owner);
    }

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_hand_the_lease_over_with_the_next_epoch_when_released()
    {
        var a = await Table.TryAcquireAsync("connection", "7", "node-a", Long, default);

        await Table.ReleaseAsync(a!, default);
        var b = await Table.TryAcquireAsync("connection", "7", "node-b", Long, default);

        Assert.NotNull(b);
        Assert.Equal(("node-b", 2L), (b.Owner, b.Epoch));
        Assert.False(await Table.RenewAsync(a!, Long, default));
    }

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_let_another_owner_take_over_only_after_expiry()
    {
        var a = await Table.TryAcquireAsync("connection", "7", "node-a", Short, default);

        Assert.Null(await Table.TryAcquireAsync("connection", "7", "node-b", Long, default));

        ShardLease? b = null;
        await Eventually.TrueAsync(
            async () => (b = await Table.TryAcquireAsync("connection", "7", "node-b", Long, default)) is not null,
            TimeSpan.FromSeconds(10),
            "node-b takes the expired lease");

        Assert.Equal(a!.Epoch + 1, b!.Epoch);
        Assert.False(await Table.RenewAsync(a, Long, default));
        Assert.True(await Table.RenewAsync(b, Long, default));
    }

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_take_the_next_epoch_when_the_owner_reacquires_its_expired_lease()
    {
        var first = await Table.TryAcquireAsync("connection", "7", "node-a", Short, default);
        await Eventually.TrueAsync(
            async () => (await Table.ReadAllAsync("connection", default)).Count == 0,
            TimeSpan.FromSeconds(10),
            "the lease expires");

        var again = await Table.TryAcquireAsync("connection", "7", "node-a", Long, default);

        Assert.Equal(first!.Epoch + 1, again!.Epoch);
        Assert.False(await Table.RenewAsync(first, Long, default));
    }

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_renew_only_when_owner_and_epoch_match_and_the_lease_is_live()
    {
        var lease = await Table.TryAcquireAsync("connection", "7", "node-a", Long, default);

        Assert.True(await Table.RenewAsync(lease!, Long, default));
        Assert.False(await Table.RenewAsync(lease! with { Owner = "node-b" }, Long, default));
        Assert.False(await Table.RenewAsync(lease! with { Epoch = 2 }, Long, default));
        Assert.False(await Table.RenewAsync(lease! with { ShardId = "8" }, Long, default));

        await Table.ReleaseAsync(lease!, default);

        Assert.False(await Table.RenewAsync(lease!, Long, default));
    }

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_extend_expiry_by_the_database_clock_when_renewed()
    {
        var lease = await Table.TryAcquireAsync("connection", "7", "node-a", Short, default);

        Assert.True(await Table.RenewAsync(lease!, Long, default));

        var seconds = await postgres.ScalarAsync<double>(
            $"SELECT extract(epoch FROM expires_at - clock_timestamp())::float8 FROM \"{schema.Name}\".shard_leases");
        Assert.InRange(seconds, 50, 60);
    }

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_ignore_a_release_when_the_lease_changed_hands()
    {
        var a = await Table.TryAcquireAsync("connection", "7", "node-a", Long, default);
        await Table.ReleaseAsync(a!, default);
        var b = await Table.TryAcquireAsync("connection", "7", "node-b", Long, default);

        await Table.ReleaseAsync(a!, default);

        Assert.Equal([b!], await Table.ReadAllAsync("connection", default));
    }

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_grant_exactly_one_when_owners_race_for_a_free_shard()
    {
        for (var round = 0; round < 5; round++)
        {
            var shardId = $"race-{round}";
            var attempts = Enumerable.Range(0, 8)
                .Select(i => Task.Run(() => Table.TryAcquireAsync("connection", shardId, $"node-{i}", Long, default)));

            var granted = (await Task.WhenAll(attempts)).OfType<ShardLease>().ToList();

            var winner = Assert.Single(granted);
            Assert.Equal(1, winner.Epoch);
        }
    }

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_grant_exactly_one_when_owners_race_for_an_expired_shard()
    {
        await Table.TryAcquireAsync("connection", "7", "node-old", Short, default);
        await Eventually.TrueAsync(
            async () => (await Table.ReadAllAsync("connection", default)).Count == 0,
            TimeSpan.FromSeconds(10),
            "the lease expires");

        var attempts = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => Table.TryAcquireAsync("connection", "7", $"node-{i}", Long, default)));
        var granted = (await Task.WhenAll(attempts)).OfType<ShardLease>().ToList();

        Assert.Equal(2, Assert.Single(granted).Epoch);
    }

    [Fact]
    public async Task PostgreSqlShardLeaseTable_should_read_only_live_leases_of_the_region()
    {
        await Table.TryAcquireAsync("connection", "1", "node-a", Long, default);
        var released = await Table.TryAcquireAsync("connection", "2", "node-a", Long, default);
        await Table.ReleaseAsync(released!, default);
        await Table.TryAcquireAsync("other", "3", "node-a", Long, default);

        var leases = await Table.ReadAllAsync("connection", default);

        Assert.Equal(["1"], leases.Select(l => l.ShardId));
    }
}
