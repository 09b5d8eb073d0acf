using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Xunit;

namespace Connectivity.Model.Tests.Monitoring;

public class RetrieveConnectionLogsResponseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 21, 8, 57, 24, 710, TimeSpan.Zero);

    private static LogEntry Entry(int second, string message = "Received signal.") =>
        new("abc", T0.AddSeconds(second), LogCategory.Source, LogType.Consumed, LogLevel.Success, message, "telemetry/#", "thing", "org.eclipse:thing-1");

    private static RetrieveConnectionLogsResponse Of(params LogEntry[] entries) =>
        new("my-conn", entries, T0, T0.AddHours(1), DittoHeaders.Empty);

    [Fact]
    public void ToPayloadJson_should_match_the_spec_example_when_logging_is_enabled()
    {
        var response = new RetrieveConnectionLogsResponse(
            "my-conn", [Entry(0)], new(2026, 1, 21, 8, 0, 0, TimeSpan.Zero), new(2026, 1, 21, 9, 0, 0, TimeSpan.Zero), DittoHeaders.Empty);

        var expected = JsonNode.Parse("""
            {
              "connectionId": "my-conn",
              "connectionLogs": [
                {"correlationId": "abc", "timestamp": "2026-01-21T08:57:24.710Z", "category": "source",
                 "type": "consumed", "level": "success", "message": "Received signal.",
                 "address": "telemetry/#", "entityType": "thing", "entityId": "org.eclipse:thing-1"}
              ],
              "enabledSince": "2026-01-21T08:00:00Z",
              "enabledUntil": "2026-01-21T09:00:00Z"
            }
            """);
        Assert.Equal(expected!.ToJsonString(), response.ToPayloadJson().ToJsonString());
    }

    [Fact]
    public void ToJson_should_add_type_and_status_when_used_as_command_response()
    {
        var json = Of(Entry(0)).ToJson();

        Assert.Equal("connectivity.responses:retrieveConnectionLogs", json["type"]!.GetValue<string>());
        Assert.Equal(200, json["status"]!.GetValue<int>());
        Assert.Equal("my-conn", json["connectionId"]!.GetValue<string>());
    }

    [Fact]
    public void Disabled_should_render_null_timestamps_when_logging_is_off()
    {
        var json = RetrieveConnectionLogsResponse.Disabled("my-conn", DittoHeaders.Empty).ToPayloadJson();

        Assert.Equal("""{"connectionId":"my-conn","connectionLogs":[],"enabledSince":null,"enabledUntil":null}""", json.ToJsonString());
    }

    [Fact]
    public void FromJson_should_round_trip_when_reading_either_shape()
    {
        var original = Of(Entry(0), Entry(1));

        var fromFull = RetrieveConnectionLogsResponse.FromJson(original.ToJson(), DittoHeaders.Empty);
        var fromPayload = RetrieveConnectionLogsResponse.FromJson(original.ToPayloadJson(), DittoHeaders.Empty);

        Assert.Equal(original.ToJson().ToJsonString(), fromFull.ToJson().ToJsonString());
        Assert.Equal(original.ToPayloadJson().ToJsonString(), fromPayload.ToPayloadJson().ToJsonString());
    }

    [Fact]
    public void Merge_should_return_all_entries_oldest_first_when_within_budget()
    {
        var merged = RetrieveConnectionLogsResponse.Merge(
            "my-conn", [Of(Entry(3), Entry(1)), Of(Entry(2))], RetrieveConnectionLogsResponse.DefaultMaxLogSizeBytes, DittoHeaders.Empty);

        Assert.Equal([T0.AddSeconds(1), T0.AddSeconds(2), T0.AddSeconds(3)], merged.ConnectionLogs.Select(e => e.Timestamp));
    }

    [Fact]
    public void Merge_should_keep_the_newest_entries_when_the_size_budget_is_exceeded()
    {
        var entries = Enumerable.Range(0, 5).Select(i => Entry(i)).ToArray();
        var entrySize = RetrieveConnectionLogsResponse.SizeInBytes(entries[0]);

        var merged = RetrieveConnectionLogsResponse.Merge("my-conn", [Of(entries)], (entrySize * 3) + (entrySize / 2), DittoHeaders.Empty);

        Assert.Equal([T0.AddSeconds(2), T0.AddSeconds(3), T0.AddSeconds(4)], merged.ConnectionLogs.Select(e => e.Timestamp));
    }

    [Fact]
    public void Merge_should_span_earliest_since_to_latest_until_when_clients_differ()
    {
        var first = new RetrieveConnectionLogsResponse("my-conn", [], T0, T0.AddHours(1), DittoHeaders.Empty);
        var second = new RetrieveConnectionLogsResponse("my-conn", [], T0.AddMinutes(-5), T0.AddHours(2), DittoHeaders.Empty);
        var disabled = RetrieveConnectionLogsResponse.Disabled("my-conn", DittoHeaders.Empty);

        var merged = RetrieveConnectionLogsResponse.Merge("my-conn", [first, second, disabled], 1000, DittoHeaders.Empty);

        Assert.Equal(T0.AddMinutes(-5), merged.EnabledSince);
        Assert.Equal(T0.AddHours(2), merged.EnabledUntil);
    }
}
