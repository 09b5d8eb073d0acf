using Connectivity.Service.DataPlane;
using Xunit;
using static Connectivity.Service.Tests.DataPlane.SignalTestData;

namespace Connectivity.Service.Tests.DataPlane;

/// <summary>Routing in cluster mode: other nodes' announced subscriptions, reached by sending, forgotten when their node leaves.</summary>
public sealed class ClusterSignalRouterTests
{
    private readonly List<(string Address, object Message)> sent = [];

    [Fact]
    public async Task Route_should_send_a_signal_to_the_node_whose_client_subscribed_and_deliver_local_ones_here()
    {
        var local = new LocalSignalRouter(TimeProvider.System);
        var router = new ClusterSignalRouter(local, "n1", (address, routed) => sent.Add((address, routed)));
        var here = new RecordingSink();
        using var subscription = router.Subscribe(Subscription("here", 0, here, LiveMessages));
        router.Update(Announced("n2", "http://n2", 1, new AnnouncedSubscription("there", 0, [LiveMessages])));

        Assert.Equal(2, await router.RouteAsync(LiveMessage("d1", "c1"), CancellationToken.None));

        Assert.Single(here.Offered);
        var (address, message) = Assert.Single(sent);
        var signal = Assert.IsType<RoutedSignal>(message);
        Assert.Equal(("http://n2", "there", 0, "c1"), (address, signal.ConnectionId, signal.ClientIndex, signal.Signal.Headers.CorrelationId));
    }

    [Fact]
    public async Task Update_should_ignore_older_announcements_and_its_own_and_Retain_should_forget_nodes_that_left()
    {
        var router = new ClusterSignalRouter(new LocalSignalRouter(TimeProvider.System), "n1", (address, routed) => sent.Add((address, routed)));
        router.Update(Announced("n2", "http://n2", 5, new AnnouncedSubscription("a", 0, [LiveMessages])));
        router.Update(Announced("n2", "http://n2", 4, new AnnouncedSubscription("stale", 0, [LiveMessages])));
        router.Update(Announced("n1", "http://n1", 9, new AnnouncedSubscription("self", 0, [LiveMessages])));

        await router.RouteAsync(LiveMessage("d1", "c1"), CancellationToken.None);
        Assert.Equal("a", Assert.IsType<RoutedSignal>(Assert.Single(sent).Message).ConnectionId);

        router.Retain(new HashSet<string> { "n1" });
        Assert.Equal(0, await router.RouteAsync(LiveMessage("d1", "c2"), CancellationToken.None));
    }

    [Fact]
    public async Task Route_should_prefer_the_local_subscription_when_a_client_is_also_still_announced_by_the_node_it_left()
    {
        var local = new LocalSignalRouter(TimeProvider.System);
        var router = new ClusterSignalRouter(local, "n1", (address, routed) => sent.Add((address, routed)));
        var here = new RecordingSink();
        router.Update(Announced("n2", "http://n2", 1, new AnnouncedSubscription("moved", 0, [LiveMessages])));
        using var subscription = router.Subscribe(Subscription("moved", 0, here, LiveMessages));

        Assert.Equal(1, await router.RouteAsync(LiveMessage("d1", "c1"), CancellationToken.None));

        Assert.Single(here.Offered);
        Assert.Empty(sent);
    }

    [Fact]
    public void RouteResponse_should_answer_a_command_consumed_here_and_send_others_to_every_other_node()
    {
        var local = new LocalSignalRouter(TimeProvider.System);
        var router = new ClusterSignalRouter(local, "n1", (address, message) => sent.Add((address, message)));
        router.Update(Announced("n2", "http://n2", 1));
        router.Update(Announced("n3", "http://n3", 1));
        var sink = new RecordingSink();
        router.ExpectResponse("cmd-1", new PendingResponse(sink, new Model.Connections.Source(), Model.Headers.DittoHeaders.Empty, DateTimeOffset.UtcNow.AddMinutes(1)));

        Assert.True(router.RouteResponse(LiveResponse("cmd-1")));
        Assert.Empty(sent);
        Assert.True(router.RouteResponse(LiveResponse("cmd-1")));

        Assert.Single(sink.Responses);
        Assert.Equal(["http://n2", "http://n3"], sent.Select(s => s.Address).Order());
        Assert.All(sent, s => Assert.IsType<RoutedResponse>(s.Message));
    }

    private static SubscriptionsAnnounced Announced(string node, string address, long version, params AnnouncedSubscription[] subscriptions) =>
        new(node, address, version, subscriptions);
}
