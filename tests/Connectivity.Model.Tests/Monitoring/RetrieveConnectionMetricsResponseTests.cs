using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Xunit;

namespace Connectivity.Model.Tests.Monitoring;

public class RetrieveConnectionMetricsResponseTests
{
    private static readonly DateTimeOffset Last = new(2026, 1, 21, 8, 57, 24, 710, TimeSpan.Zero);

    private static Measurement M(MetricType type, bool success, long perMinute, long perHour, long perDay, DateTimeOffset? last = null) =>
        new(type, success, new Dictionary<TimeSpan, long>
        {
            [MetricWindow.OneDay] = perDay,
            [MetricWindow.OneMinute] = perMinute,
            [MetricWindow.OneHour] = perHour,
        }, last);

    [Fact]
    public void ToJson_should_sort_windows_types_and_levels_when_serializing()
    {
        var inbound = new AddressMetric([
            M(MetricType.Mapped, false, 0, 0, 0),
            M(MetricType.Consumed, false, 0, 0, 0),
            M(MetricType.Mapped, true, 1, 1, 1),
            M(MetricType.Consumed, true, 0, 42, 4242, Last),
        ]);
        var response = new RetrieveConnectionMetricsResponse(
            "my-conn",
            new ConnectionMetricsReport(new ConnectionMetrics(inbound, AddressMetric.Empty), SourceMetrics.Empty, TargetMetrics.Empty),
            DittoHeaders.Empty);

        var expected = JsonNode.Parse("""
            {"type":"connectivity.responses:retrieveConnectionMetrics","status":200,"connectionId":"my-conn",
             "connectionMetrics":{
               "inbound":{
                 "consumed":{"success":{"PT1M":0,"PT1H":42,"PT24H":4242,"lastMessageAt":"2026-01-21T08:57:24.710Z"},
                             "failure":{"PT1M":0,"PT1H":0,"PT24H":0,"lastMessageAt":null}},
                 "mapped":{"success":{"PT1M":1,"PT1H":1,"PT24H":1,"lastMessageAt":null},
                           "failure":{"PT1M":0,"PT1H":0,"PT24H":0,"lastMessageAt":null}}},
               "outbound":null},
             "sourceMetrics":{"addressMetrics":null},
             "targetMetrics":{"addressMetrics":null},
             "containsFailures":false}
            """);
        Assert.Equal(expected!.ToJsonString(), response.ToJson().ToJsonString());
    }

    [Fact]
    public void ToJson_should_render_empty_address_and_sort_addresses_when_address_metrics_exist()
    {
        var published = new AddressMetric([M(MetricType.Published, true, 1, 1, 1)]);
        var targets = new TargetMetrics(new Dictionary<string, AddressMetric>
        {
            [TargetMetrics.ResponsesAddress] = published,
            ["events/twin"] = published,
            [string.Empty] = AddressMetric.Empty,
        });

        var json = targets.ToJson()["addressMetrics"]!.AsObject();

        Assert.Equal(["<empty>", "_responses", "events/twin"], json.Select(p => p.Key));
        Assert.Null(json["<empty>"]);
    }

    [Fact]
    public void EmptyMetrics_should_render_nulls_when_connection_is_closed()
    {
        var json = RetrieveConnectionMetricsResponse.EmptyMetrics("my-conn", DittoHeaders.Empty).ToJson();

        Assert.Equal(
            """{"type":"connectivity.responses:retrieveConnectionMetrics","status":200,"connectionId":"my-conn","connectionMetrics":{"inbound":null,"outbound":null},"sourceMetrics":{"addressMetrics":null},"targetMetrics":{"addressMetrics":null},"containsFailures":false}""",
            json.ToJsonString());
    }

    [Fact]
    public void ContainsFailures_should_be_true_when_any_failure_counter_is_positive()
    {
        var outbound = new AddressMetric([M(MetricType.Published, false, 0, 0, 1)]);

        var metrics = new ConnectionMetrics(AddressMetric.Empty, outbound);

        Assert.True(metrics.ContainsFailures);
        Assert.False(new ConnectionMetrics(new AddressMetric([M(MetricType.Published, true, 5, 5, 5)]), AddressMetric.Empty).ContainsFailures);
    }

    [Fact]
    public void Merge_should_sum_counters_and_keep_latest_last_message_when_combining_clients()
    {
        Response Build(long count, DateTimeOffset? last) => new(
            new AddressMetric([M(MetricType.Consumed, true, count, count, count, last)]),
            new SourceMetrics(new Dictionary<string, AddressMetric> { ["telemetry/#"] = new([M(MetricType.Consumed, true, count, count, count, last)]) }));

        var first = Build(1, Last);
        var second = Build(2, Last.AddSeconds(5));

        var merged = first.ToResponse().Merge(second.ToResponse()).Metrics;

        var total = Assert.Single(merged.ConnectionMetrics.Inbound.Measurements);
        Assert.Equal(3, total.Counts[MetricWindow.OneHour]);
        Assert.Equal(Last.AddSeconds(5), total.LastMessageAt);
        var perAddress = Assert.Single(merged.SourceMetrics.AddressMetrics["telemetry/#"].Measurements);
        Assert.Equal(3, perAddress.Counts[MetricWindow.OneDay]);
    }

    [Fact]
    public void Measurement_Merge_should_keep_existing_last_message_when_other_has_none()
    {
        var merged = M(MetricType.Consumed, true, 1, 1, 1, Last).Merge(M(MetricType.Consumed, true, 1, 1, 1));

        Assert.Equal(Last, merged.LastMessageAt);
    }

    [Fact]
    public void FromJson_should_round_trip_when_reading_its_own_json()
    {
        var metric = new AddressMetric([M(MetricType.Consumed, true, 1, 2, 3, Last), M(MetricType.Consumed, false, 0, 0, 1)]);
        var original = new RetrieveConnectionMetricsResponse(
            "my-conn",
            new ConnectionMetricsReport(
                new ConnectionMetrics(metric, AddressMetric.Empty),
                new SourceMetrics(new Dictionary<string, AddressMetric> { [string.Empty] = metric }),
                TargetMetrics.Empty),
            DittoHeaders.Empty);
        var json = original.ToJson();

        var read = RetrieveConnectionMetricsResponse.FromJson(json, DittoHeaders.Empty);

        Assert.Equal(json.ToJsonString(), read.ToJson().ToJsonString());
        Assert.True(read.Metrics.SourceMetrics.AddressMetrics.ContainsKey(string.Empty));
    }

    [Theory]
    [InlineData("PT1M", 60)]
    [InlineData("PT1H", 3600)]
    [InlineData("PT24H", 86400)]
    [InlineData("PT1H30M10S", 5410)]
    public void MetricWindow_should_round_trip_java_duration_keys_when_formatting(string wire, int seconds)
    {
        Assert.Equal(wire, MetricWindow.ToWire(TimeSpan.FromSeconds(seconds)));
        Assert.True(MetricWindow.TryParse(wire, out var parsed));
        Assert.Equal(TimeSpan.FromSeconds(seconds), parsed);
    }

    [Fact]
    public void MetricTypes_should_list_default_types_in_enum_order_when_asked_per_direction()
    {
        Assert.Equal(
            [MetricType.Consumed, MetricType.Mapped, MetricType.Dropped, MetricType.Enforced, MetricType.Acknowledged, MetricType.Throttled],
            MetricTypes.Defaults(MetricDirection.Inbound));
        Assert.Equal(
            [MetricType.Dispatched, MetricType.Filtered, MetricType.Mapped, MetricType.Dropped, MetricType.Published, MetricType.Acknowledged],
            MetricTypes.Defaults(MetricDirection.Outbound));
    }

    private sealed record Response(AddressMetric Inbound, SourceMetrics Sources)
    {
        public RetrieveConnectionMetricsResponse ToResponse() =>
            new("my-conn", new ConnectionMetricsReport(new ConnectionMetrics(Inbound, AddressMetric.Empty), Sources, TargetMetrics.Empty), DittoHeaders.Empty);
    }
}
