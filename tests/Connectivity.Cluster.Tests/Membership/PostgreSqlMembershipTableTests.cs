using Connectivity.Cluster.Membership;
using Connectivity.TestKit.PostgreSql;
using Xunit;

namespace Connectivity.Cluster.Tests.Membership;

/// <summary>The membership table against PostgreSQL: join, leave and down-after by the database's clock.</summary>
public sealed class PostgreSqlMembershipTableTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Started = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private ClusterSchema schema = null!;

    public async Task InitializeAsync() => schema = await ClusterSchema.CreateAsync(postgres);

    public async Task DisposeAsync() => await schema.DisposeAsync();

    [Fact]
    public async Task PostgreSqlMembershipTable_should_list_a_member_when_it_heartbeats()
    {
        var a = new Member("node-a", "http://a:8081", Started);

        await schema.Members.HeartbeatAsync(a, default);

        Assert.Equal([a], await schema.Members.ReadLiveAsync(TimeSpan.FromSeconds(5), default));
    }

    [Fact]
    public async Task PostgreSqlMembershipTable_should_sort_members_by_node_id_ordinally_when_reading()
    {
        Member[] members =
        [
            new("node-b", "http://b:8081", Started),
            new("Node-z", "http://z:8081", Started),
            new("node-a", "http://a:8081", Started),
        ];
        foreach (var member in members)
        {
            await schema.Members.HeartbeatAsync(member, default);
        }

        var live = await schema.Members.ReadLiveAsync(TimeSpan.FromSeconds(5), default);

        Assert.Equal(["Node-z", "node-a", "node-b"], live.Select(m => m.NodeId));
    }

    [Fact]
    public async Task PostgreSqlMembershipTable_should_update_address_and_start_when_a_node_restarts()
    {
        await schema.Members.HeartbeatAsync(new Member("node-a", "http://a:8081", Started), default);
        var restarted = new Member("node-a", "http://a2:8081", Started.AddMinutes(1));

        await schema.Members.HeartbeatAsync(restarted, default);

        Assert.Equal([restarted], await schema.Members.ReadLiveAsync(TimeSpan.FromSeconds(5), default));
    }

    [Fact]
    public async Task PostgreSqlMembershipTable_should_drop_a_member_at_once_when_it_leaves_and_list_it_again_when_it_heartbeats()
    {
        var a = new Member("node-a", "http://a:8081", Started);
        var b = new Member("node-b", "http://b:8081", Started);
        await schema.Members.HeartbeatAsync(a, default);
        await schema.Members.HeartbeatAsync(b, default);

        await schema.Members.LeaveAsync("node-a", default);

        Assert.Equal([b], await schema.Members.ReadLiveAsync(TimeSpan.FromSeconds(5), default));
        Assert.Equal("left", await postgres.ScalarAsync<string>($"SELECT status FROM \"{schema.Name}\".cluster_members WHERE node_id = 'node-a'"));

        await schema.Members.HeartbeatAsync(a, default);

        Assert.Equal([a, b], await schema.Members.ReadLiveAsync(TimeSpan.FromSeconds(5), default));
    }

    [Fact]
    public async Task PostgreSqlMembershipTable_should_drop_a_member_when_its_heartbeat_is_older_than_down_after()
    {
        var downAfter = TimeSpan.FromMilliseconds(600);
        var a = new Member("node-a", "http://a:8081", Started);
        var dead = new Member("node-dead", "http://dead:8081", Started);
        await schema.Members.HeartbeatAsync(dead, default);
        await schema.Members.HeartbeatAsync(a, default);

        Assert.Contains(dead, await schema.Members.ReadLiveAsync(downAfter, default));

        // node-a keeps beating; node-dead never beats again.
        await Eventually.TrueAsync(
            async () =>
            {
                await schema.Members.HeartbeatAsync(a, default);
                return !(await schema.Members.ReadLiveAsync(downAfter, default)).Contains(dead);
            },
            TimeSpan.FromSeconds(10),
            "node-dead is down");

        Assert.Equal([a], await schema.Members.ReadLiveAsync(downAfter, default));
    }

    [Fact]
    public async Task PostgreSqlMembershipTable_should_age_heartbeats_by_the_database_clock_when_rows_say_so()
    {
        await schema.Members.HeartbeatAsync(new Member("node-a", "http://a:8081", Started), default);

        // The row's heartbeat is moved into the database's past; the node's clock plays no part.
        await schema.ExecuteAsync("UPDATE cluster_members SET heartbeat_at = now() - interval '10 seconds'");

        Assert.Empty(await schema.Members.ReadLiveAsync(TimeSpan.FromSeconds(9), default));
        Assert.Single(await schema.Members.ReadLiveAsync(TimeSpan.FromSeconds(11), default));
    }
}
