using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Service.DataPlane;
using Connectivity.TestKit.Time;
using Xunit;
using static Connectivity.Service.Tests.DataPlane.SignalTestData;

namespace Connectivity.Service.Tests.DataPlane;

/// <summary>Commands waiting for their responses: answered once, not after they expired, bounded in number.</summary>
public sealed class ResponseRoutesTests
{
    private readonly ManualTimeProvider clock = new();
    private readonly RecordingSink sink = new();

    [Fact]
    public void TryComplete_should_hand_the_response_to_the_waiting_client_once()
    {
        var routes = new ResponseRoutes(clock);
        routes.Expect("cmd-1", Pending(TimeSpan.FromSeconds(60)));

        Assert.False(routes.TryComplete(LiveResponse("other")));
        Assert.True(routes.TryComplete(LiveResponse("cmd-1")));
        Assert.False(routes.TryComplete(LiveResponse("cmd-1")));
        Assert.Single(sink.Responses);
    }

    [Fact]
    public void TryComplete_should_refuse_a_response_that_comes_after_the_command_expired()
    {
        var routes = new ResponseRoutes(clock);
        routes.Expect("cmd-1", Pending(TimeSpan.FromSeconds(5)));

        clock.Advance(TimeSpan.FromSeconds(6));

        Assert.False(routes.TryComplete(LiveResponse("cmd-1")));
        Assert.Empty(sink.Responses);
    }

    [Fact]
    public void Expect_should_let_the_oldest_command_give_way_beyond_the_capacity()
    {
        var routes = new ResponseRoutes(clock);
        for (var i = 0; i <= ResponseRoutes.Capacity; i++)
        {
            routes.Expect($"cmd-{i}", Pending(TimeSpan.FromSeconds(60)));
        }

        Assert.False(routes.TryComplete(LiveResponse("cmd-0")));
        Assert.True(routes.TryComplete(LiveResponse($"cmd-{ResponseRoutes.Capacity}")));
        Assert.True(routes.TryComplete(LiveResponse("cmd-1")));
    }

    [Fact]
    public void Expect_should_forget_expired_commands_as_new_ones_arrive_and_completed_ones_at_once()
    {
        var routes = new ResponseRoutes(clock);
        for (var i = 0; i < 100; i++)
        {
            routes.Expect($"old-{i}", Pending(TimeSpan.FromSeconds(5)));
        }

        routes.Expect("answered", Pending(TimeSpan.FromSeconds(60)));
        Assert.True(routes.TryComplete(LiveResponse("answered")));
        clock.Advance(TimeSpan.FromSeconds(6));
        routes.Expect("new", Pending(TimeSpan.FromSeconds(60)));

        Assert.Equal(1, routes.Count);
        Assert.True(routes.TryComplete(LiveResponse("new")));
        Assert.Equal(0, routes.Count);
    }

    [Fact]
    public void Expect_should_keep_the_newer_command_when_a_correlation_id_comes_again()
    {
        var routes = new ResponseRoutes(clock);
        routes.Expect("twice", Pending(TimeSpan.FromSeconds(5)));
        routes.Expect("twice", Pending(TimeSpan.FromSeconds(60)));

        clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(1, routes.Count);
        Assert.True(routes.TryComplete(LiveResponse("twice")));
    }

    private PendingResponse Pending(TimeSpan timeout) =>
        new(sink, new Source { ReplyTarget = new ReplyTarget { Address = "{{ header:reply-to }}" } }, DittoHeaders.Empty, clock.GetUtcNow() + timeout);
}
