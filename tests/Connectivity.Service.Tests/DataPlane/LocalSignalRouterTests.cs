using Connectivity.Service.DataPlane;
using Xunit;
using static Connectivity.Service.Tests.DataPlane.SignalTestData;

namespace Connectivity.Service.Tests.DataPlane;

/// <summary>Routing on one node: by base topic, to one client per connection, until unsubscribed.</summary>
public sealed class LocalSignalRouterTests
{
    [Fact]
    public async Task Route_should_reach_every_connection_subscribed_to_the_signals_topic_and_no_other()
    {
        var router = new LocalSignalRouter(TimeProvider.System);
        var (live, twin, both) = (new RecordingSink(), new RecordingSink(), new RecordingSink());
        using var s1 = router.Subscribe(Subscription("live", 0, live, LiveMessages));
        using var s2 = router.Subscribe(Subscription("twin", 0, twin, TwinEvents));
        using var s3 = router.Subscribe(Subscription("both", 0, both, LiveMessages, TwinEvents));

        Assert.Equal(2, await router.RouteAsync(LiveMessage("d1", "c1"), CancellationToken.None));
        Assert.Equal(2, await router.RouteAsync(TwinEvent("d1"), CancellationToken.None));

        Assert.Single(live.Offered);
        Assert.Single(twin.Offered);
        Assert.Equal(2, both.Offered.Count);
    }

    [Fact]
    public async Task Route_should_give_each_thing_to_one_client_of_a_connection_always_the_same()
    {
        var router = new LocalSignalRouter(TimeProvider.System);
        var clients = Enumerable.Range(0, 3).Select(_ => new RecordingSink()).ToArray();
        var subscriptions = clients.Select((sink, i) => router.Subscribe(Subscription("multi", i, sink, LiveMessages))).ToList();

        for (var i = 0; i < 60; i++)
        {
            await router.RouteAsync(LiveMessage($"d{i % 20}", $"c{i}"), CancellationToken.None);
        }

        Assert.Equal(60, clients.Sum(c => c.Offered.Count));
        Assert.All(clients, c => Assert.NotEmpty(c.Offered));
        var things = clients.Select(c => c.Offered.Select(s => s.Topic.EntityName).ToHashSet()).ToList();
        Assert.Equal(20, things.Sum(t => t.Count));
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Route_should_stop_reaching_a_client_once_its_subscription_is_disposed()
    {
        var router = new LocalSignalRouter(TimeProvider.System);
        var sink = new RecordingSink();
        var changes = 0;
        router.Changed += () => changes++;
        var subscription = router.Subscribe(Subscription("c", 0, sink, LiveMessages));
        await router.RouteAsync(LiveMessage("d1", "c1"), CancellationToken.None);

        subscription.Dispose();
        subscription.Dispose();

        Assert.Equal(0, await router.RouteAsync(LiveMessage("d1", "c2"), CancellationToken.None));
        Assert.Single(sink.Offered);
        Assert.Equal(2, changes);
        Assert.Empty(router.Subscriptions);
    }

    [Fact]
    public async Task Deliver_should_hand_a_routed_signal_to_the_named_client_only_while_it_runs_here()
    {
        var router = new LocalSignalRouter(TimeProvider.System);
        var sink = new RecordingSink();
        using (router.Subscribe(Subscription("c", 1, sink, LiveMessages)))
        {
            Assert.True(await router.DeliverAsync("c", 1, LiveMessage("d1", "c1"), CancellationToken.None));
            Assert.False(await router.DeliverAsync("c", 0, LiveMessage("d1", "c2"), CancellationToken.None));
        }

        Assert.False(await router.DeliverAsync("c", 1, LiveMessage("d1", "c3"), CancellationToken.None));
        Assert.Equal("c1", Assert.Single(sink.Offered).Headers.CorrelationId);
    }

    [Fact]
    public async Task Deliver_should_use_the_first_subscription_of_a_client_subscribed_twice_and_the_other_once_it_is_gone()
    {
        var router = new LocalSignalRouter(TimeProvider.System);
        var (old, replacement) = (new RecordingSink(), new RecordingSink());
        var first = router.Subscribe(Subscription("c", 0, old, LiveMessages));
        using var second = router.Subscribe(Subscription("c", 0, replacement, LiveMessages));

        Assert.True(await router.DeliverAsync("c", 0, LiveMessage("d1", "c1"), CancellationToken.None));
        first.Dispose();
        Assert.True(await router.DeliverAsync("c", 0, LiveMessage("d1", "c2"), CancellationToken.None));

        Assert.Equal("c1", Assert.Single(old.Offered).Headers.CorrelationId);
        Assert.Equal("c2", Assert.Single(replacement.Offered).Headers.CorrelationId);
    }
}
