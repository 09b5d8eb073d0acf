using Connectivity.Cluster.Membership;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Connectivity.Cluster.Tests.Membership;

/// <summary>Snapshot versioning, staleness and subscriptions of <see cref="MembershipService"/> over a scripted table.</summary>
public sealed class MembershipServiceTests
{
    private static readonly DateTimeOffset Started = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Member A = new("node-a", "http://a:8081", Started);
    private static readonly Member B = new("node-b", "http://b:8081", Started);
    private static readonly Member C = new("node-c", "http://c:8081", Started);

    private readonly ScriptedMembershipTable table = new();
    private readonly ManualClock clock = new();

    private MembershipService Service() => new(
        table,
        Options.Create(new ClusterOptions { NodeId = "node-a", InternalAddress = "http://a:8081" }),
        clock,
        NullLogger<MembershipService>.Instance);

    [Fact]
    public void MembershipService_should_refuse_to_start_when_options_are_invalid()
    {
        var options = Options.Create(new ClusterOptions { NodeId = "", InternalAddress = "http://a:8081" });

        Assert.Throws<OptionsValidationException>(() => new MembershipService(table, options, clock, NullLogger<MembershipService>.Instance));
    }

    [Fact]
    public void MembershipService_should_be_empty_and_stale_when_nothing_was_read_yet()
    {
        var service = Service();

        Assert.Same(MembershipSnapshot.Empty, service.Current);
        Assert.True(service.IsStale);
        Assert.Null(service.LastSuccessfulRead);
        Assert.Equal(new Member("node-a", "http://a:8081", clock.GetUtcNow()), service.Self);
    }

    [Fact]
    public async Task MembershipService_should_increment_the_version_only_when_the_member_set_changes()
    {
        var service = Service();
        table.SetLive(A, B);

        await service.RefreshAsync(default);
        var first = service.Current;
        await service.RefreshAsync(default);

        Assert.Same(first, service.Current);
        Assert.Equal(1, first.Version);
        Assert.Equal([A, B], first.Members);

        table.SetLive(A, B, C);
        await service.RefreshAsync(default);
        table.SetLive(A, C);
        await service.RefreshAsync(default);

        Assert.Equal(3, service.Current.Version);
        Assert.Equal([A, C], service.Current.Members);
        Assert.Equal([A, B], first.Members);
        Assert.Equal(4, table.Heartbeats);
    }

    [Fact]
    public async Task MembershipService_should_keep_the_last_snapshot_marked_stale_when_the_database_fails()
    {
        var service = Service();
        table.SetLive(A, B);
        await service.RefreshAsync(default);
        var readAt = clock.GetUtcNow();
        var snapshot = service.Current;

        clock.Advance(TimeSpan.FromSeconds(3));
        table.Unreachable = true;
        await service.RefreshAsync(default);

        Assert.Same(snapshot, service.Current);
        Assert.True(service.IsStale);
        Assert.Equal(readAt, service.LastSuccessfulRead);

        table.Unreachable = false;
        await service.RefreshAsync(default);

        Assert.False(service.IsStale);
        Assert.Equal(clock.GetUtcNow(), service.LastSuccessfulRead);
        Assert.Same(snapshot, service.Current);
    }

    [Fact]
    public async Task MembershipService_should_call_a_subscriber_with_the_current_then_each_new_snapshot_until_disposed()
    {
        var service = Service();
        table.SetLive(A);
        await service.RefreshAsync(default);
        var seen = new List<long>();

        var subscription = service.Subscribe(s => seen.Add(s.Version));
        table.SetLive(A, B);
        await service.RefreshAsync(default);
        await service.RefreshAsync(default);
        subscription.Dispose();
        table.SetLive(A, B, C);
        await service.RefreshAsync(default);

        Assert.Equal([1L, 2L], seen);
        Assert.Equal(3, service.Current.Version);
    }

    [Fact]
    public async Task MembershipService_should_keep_notifying_others_when_a_subscriber_throws()
    {
        var service = Service();
        var seen = new List<long>();
        using var failing = service.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        using var subscription = service.Subscribe(s => seen.Add(s.Version));

        table.SetLive(A);
        await service.RefreshAsync(default);

        Assert.Equal([0L, 1L], seen);
    }

    [Fact]
    public async Task MembershipService_should_complete_the_wait_when_the_count_is_reached()
    {
        var service = Service();
        var waiting = service.WaitForMembersAsync(2, TimeSpan.FromSeconds(10));
        table.SetLive(A);
        await service.RefreshAsync(default);

        Assert.False(waiting.IsCompleted);

        table.SetLive(A, B);
        await service.RefreshAsync(default);

        Assert.Equal([A, B], (await waiting).Members);
    }

    [Fact]
    public async Task MembershipService_should_throw_timeout_when_the_count_is_not_reached()
    {
        var service = Service();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => service.WaitForMembersAsync(2, TimeSpan.FromMilliseconds(50)));

        Assert.Contains("node-a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembershipService_should_heartbeat_while_running_and_leave_when_stopped()
    {
        var service = Service();
        table.SetLive(A);

        await service.StartAsync(default);
        await service.WaitForMembersAsync(1, TimeSpan.FromSeconds(10));
        await service.StopAsync(default);

        Assert.Equal(["node-a"], table.Left);
        Assert.True(table.Heartbeats >= 1);
    }
}
