using Connectivity.Model.Monitoring;
using Connectivity.Service.Monitoring;
using Xunit;
using Connectivity.TestKit.Time;

namespace Connectivity.Service.Tests.Monitoring;

public class ConnectionMetricsCollectorTests
{
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2026, 1, 21, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Snapshot_should_report_per_address_and_connection_totals_when_messages_recorded()
    {
        var collector = new ConnectionMetricsCollector(clock);
        collector.Record(MetricDirection.Inbound, MetricType.Consumed, "telemetry/#", success: true);
        collector.Record(MetricDirection.Inbound, MetricType.Consumed, "events/#", success: true);
        collector.Record(MetricDirection.Outbound, MetricType.Published, TargetMetrics.ResponsesAddress, success: false);

        var report = collector.Snapshot();

        var inbound = Assert.Single(report.ConnectionMetrics.Inbound.Measurements);
        Assert.Equal(2, inbound.Counts[MetricWindow.OneMinute]);
        Assert.Equal(["events/#", "telemetry/#"], report.SourceMetrics.AddressMetrics.Keys.Order(StringComparer.Ordinal));
        Assert.True(report.TargetMetrics.AddressMetrics.ContainsKey("_responses"));
        Assert.True(report.ContainsFailures);
    }

    [Fact]
    public void GetCounter_should_return_the_same_handle_when_asked_twice()
    {
        var collector = new ConnectionMetricsCollector(clock);

        var first = collector.GetCounter(MetricDirection.Outbound, MetricType.Dispatched, "t", success: true);
        var second = collector.GetCounter(MetricDirection.Outbound, MetricType.Dispatched, "t", success: true);
        first.Increment();

        Assert.Same(first, second);
        Assert.Equal(1, Assert.Single(collector.Snapshot().ConnectionMetrics.Outbound.Measurements).Counts[MetricWindow.OneHour]);
    }

    [Fact]
    public void GetCounter_should_reject_a_type_when_direction_does_not_count_it()
    {
        var collector = new ConnectionMetricsCollector(clock);

        Assert.Throws<ArgumentException>(() => collector.GetCounter(MetricDirection.Outbound, MetricType.Consumed, "t", success: true));
    }

    [Fact]
    public void RegisterAddresses_should_report_zeroed_default_types_when_nothing_recorded()
    {
        var collector = new ConnectionMetricsCollector(clock);

        collector.RegisterAddresses(["telemetry/#"], ["events/twin"]);
        var json = collector.Snapshot().ConnectionMetrics.ToJson();

        Assert.Equal(
            ["consumed", "mapped", "dropped", "enforced", "acknowledged", "throttled"],
            json["inbound"]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            ["dispatched", "filtered", "mapped", "dropped", "published", "acknowledged"],
            json["outbound"]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            """{"PT1M":0,"PT1H":0,"PT24H":0,"lastMessageAt":null}""",
            json["inbound"]!["consumed"]!["failure"]!.ToJsonString());
    }

    [Fact]
    public void Reset_should_zero_counters_but_keep_them_registered_when_called()
    {
        var collector = new ConnectionMetricsCollector(clock);
        collector.Record(MetricDirection.Inbound, MetricType.Consumed, "a", success: false);

        collector.Reset();
        var report = collector.Snapshot();

        var measurement = Assert.Single(report.ConnectionMetrics.Inbound.Measurements);
        Assert.Equal(0, measurement.Counts[MetricWindow.OneDay]);
        Assert.Null(measurement.LastMessageAt);
        Assert.False(report.ContainsFailures);
    }

    [Fact]
    public void Snapshot_should_merge_across_clients_when_combined()
    {
        var first = new ConnectionMetricsCollector(clock);
        var second = new ConnectionMetricsCollector(clock);
        first.Record(MetricDirection.Inbound, MetricType.Consumed, "a", success: true);
        clock.Advance(TimeSpan.FromSeconds(5));
        second.Record(MetricDirection.Inbound, MetricType.Consumed, "a", success: true);

        var merged = first.Snapshot().Merge(second.Snapshot());

        var measurement = Assert.Single(merged.SourceMetrics.AddressMetrics["a"].Measurements);
        Assert.Equal(2, measurement.Counts[MetricWindow.OneMinute]);
        Assert.Equal(clock.GetUtcNow(), measurement.LastMessageAt);
    }
}
