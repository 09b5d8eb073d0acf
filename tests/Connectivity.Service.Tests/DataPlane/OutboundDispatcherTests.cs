using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Connectivity.Service.DataPlane;
using Connectivity.Service.Mapping;
using Connectivity.Service.Messaging;
using Connectivity.Service.Monitoring;
using Xunit;
using static Connectivity.Service.Tests.DataPlane.SignalTestData;

namespace Connectivity.Service.Tests.DataPlane;

/// <summary>The outbound data plane of one client: topics and filters, mapping, placeholders, publishing, and the bounded queue.</summary>
public sealed class OutboundDispatcherTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly ConnectionLogger log = new("conn-out", new ConnectionLoggerOptions(), TimeProvider.System);
    private readonly ConnectionMetricsCollector metrics = new(TimeProvider.System);

    public OutboundDispatcherTests() => log.Enable();

    [Fact]
    public async Task Dispatcher_should_publish_what_passes_the_filter_with_resolved_address_and_headers_and_count_the_rest_as_filtered()
    {
        var target = Target("out/{{ thing:name }}", $"{LiveMessages}?namespaces=org.acme&filter=gt(value/temp,20)") with
        {
            HeaderMapping = new Dictionary<string, string> { ["x-device"] = "{{ thing:name }}", ["x-missing"] = "{{ header:nope }}" },
        };
        var publisher = new RecordingPublisher();
        await using var dispatcher = Dispatcher(target, () => publisher);

        await dispatcher.OfferAsync(LiveMessage("d1", "warm"), CancellationToken.None);
        await dispatcher.OfferAsync(LiveMessage("d1", "cold", """{"temp":19}"""), CancellationToken.None);
        await dispatcher.OfferAsync(LiveMessage("d2", "other-namespace") with { Topic = Model.Protocol.DittoTopic.Parse("org.other/d2/things/live/messages/telemetry") }, CancellationToken.None);
        await dispatcher.OfferAsync(TwinEvent("d1"), CancellationToken.None);

        await UntilAsync(() => Count(MetricType.Published, true) == 1 && Count(MetricType.Filtered, true) == 2);
        var request = Assert.Single(publisher.Requests);
        Assert.Equal("out/d1", request.Address);
        Assert.Equal("d1", request.Message.Headers["x-device"]);
        Assert.False(request.Message.Headers.ContainsKey("x-missing"));
        Assert.Equal((3, 1), (Count(MetricType.Dispatched, true), Count(MetricType.Mapped, true)));
        var filtered = Entries(LogType.Filtered);
        Assert.Contains(filtered, e => e.CorrelationId == "cold" && e.Message.Contains("gt(value/temp,20)", StringComparison.Ordinal));
        Assert.Contains(filtered, e => e.CorrelationId == "other-namespace" && e.Message.Contains("org.other", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatcher_should_drop_and_count_as_failure_what_it_cannot_address_or_while_not_connected()
    {
        var connected = new RecordingPublisher();
        IMessagePublisher? current = null;
        await using var dispatcher = Dispatcher(Target("out/{{ feature:id }}/{{ header:device }}", LiveMessages), () => current);

        await dispatcher.OfferAsync(LiveMessage("d1", "no-feature"), CancellationToken.None);
        await UntilAsync(() => Count(MetricType.Dropped, false) == 1);
        current = connected;
        await dispatcher.OfferAsync(LiveMessage("d1", "still-no-feature"), CancellationToken.None);

        await UntilAsync(() => Count(MetricType.Dropped, false) == 2);
        Assert.Empty(connected.Requests);
        Assert.Contains(Entries(LogType.Dropped), e => e.CorrelationId == "no-feature" && e.Message.Contains("could not be resolved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatcher_should_hold_offers_while_its_queue_is_full_and_lose_none_once_the_publisher_catches_up()
    {
        var publisher = new RecordingPublisher(held: true);
        await using var dispatcher = Dispatcher(Target("out", LiveMessages), () => publisher);
        const int Offered = OutboundDispatcher.QueueCapacity + OutboundDispatcher.MaxInFlight + 500;

        var offers = Enumerable.Range(0, Offered).Select(i => dispatcher.OfferAsync(LiveMessage("d1", $"c{i}"), CancellationToken.None).AsTask()).ToList();
        await UntilAsync(() => publisher.Requests.Count == OutboundDispatcher.MaxInFlight);
        var waiting = offers.Count(o => !o.IsCompleted);

        Assert.True(waiting >= 399, $"{waiting} offers waiting");
        publisher.Release();
        await Task.WhenAll(offers);
        await UntilAsync(() => Count(MetricType.Published, true) == Offered);
        Assert.Equal(0, Count(MetricType.Dropped, false));
    }

    [Fact]
    public async Task Dispatcher_should_drop_and_count_what_waits_longer_than_the_enqueue_timeout_and_publish_all_it_took()
    {
        var publisher = new RecordingPublisher(held: true);
        await using var dispatcher = Dispatcher(Target("out", LiveMessages), () => publisher, TimeSpan.FromMilliseconds(100));
        const int Offered = OutboundDispatcher.QueueCapacity + OutboundDispatcher.MaxInFlight + 500;

        await Task.WhenAll(Enumerable.Range(0, Offered).Select(i => dispatcher.OfferAsync(LiveMessage("d1", $"c{i}"), CancellationToken.None).AsTask()));

        var dropped = Count(MetricType.Dropped, false);
        Assert.True(dropped >= 399, $"{dropped} dropped");
        publisher.Release();
        await UntilAsync(() => Count(MetricType.Published, true) + dropped == Offered);
        Assert.Contains(Entries(LogType.Dropped), e => e.Message.Contains("stayed full for 0.1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatcher_should_publish_connection_announcements_only_to_targets_subscribed_to_them()
    {
        var announcements = Target("announce/{{ connection:id }}", FilteredTopic.ConnectionAnnouncements);
        var publisher = new RecordingPublisher();
        var connection = Connection(announcements, Target("live", LiveMessages));
        await using var dataPlane = ClientDataPlane.Start(
            connection, 0, DataPlaneDependencies.Isolated(), new DataPlaneMonitoring(log, metrics), () => publisher, TimeProvider.System);

        dataPlane.Opened(connection.Id, DateTimeOffset.UnixEpoch);

        await UntilAsync(() => publisher.Requests.Count == 1);
        var request = Assert.Single(publisher.Requests);
        Assert.Equal("announce/conn-out", request.Address);
        Assert.Contains("connections/announcements/opened", request.Message.TextPayload, StringComparison.Ordinal);
        Assert.True(dataPlane.IsEnabled);
    }

    private static Target Target(string address, string topic) =>
        new() { Address = address, Topics = [FilteredTopic.Parse(topic)], AuthorizationContext = ["integration:test"] };

    private static Connection Connection(params Target[] targets) => new()
    {
        Id = "conn-out",
        Type = ConnectionType.Mqtt5,
        ConnectionStatus = ConnectivityStatus.Open,
        Uri = "tcp://broker.example:1883",
        Targets = targets,
    };

    private OutboundDispatcher Dispatcher(Target target, Func<IMessagePublisher?> publisher, TimeSpan? enqueueTimeout = null)
    {
        var connection = Connection(target);
        return new OutboundDispatcher(
            connection,
            ConnectionMappers.Create(connection, MappingSettings.Default, TimeProvider.System),
            publisher,
            new DataPlaneMonitoring(log, metrics),
            TimeProvider.System,
            enqueueTimeout);
    }

    private long Count(MetricType type, bool success) =>
        metrics.GetCounter(MetricDirection.Outbound, type, "out", success).GetCounts().Values.Max()
        + metrics.GetCounter(MetricDirection.Outbound, type, "out/{{ thing:name }}", success).GetCounts().Values.Max()
        + metrics.GetCounter(MetricDirection.Outbound, type, "out/{{ feature:id }}/{{ header:device }}", success).GetCounts().Values.Max();

    private List<LogEntry> Entries(LogType type) => [.. log.Retrieve(DittoHeaders.Empty).ConnectionLogs.Where(e => e.Type == type)];

    private static async Task UntilAsync(Func<bool> condition)
    {
        var started = DateTime.UtcNow;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow - started < Deadline, "condition not reached in time");
            await Task.Delay(20);
        }
    }
}
