using System.Text.Json.Nodes;
using Connectivity.Model.Monitoring;
using Xunit;

namespace Connectivity.Model.Tests.Monitoring;

public class LogEntryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 21, 8, 57, 24, 710, TimeSpan.Zero);

    [Theory]
    [InlineData(LogCategory.Source, LogType.Consumed, true)]
    [InlineData(LogCategory.Target, LogType.Consumed, false)]
    [InlineData(LogCategory.Source, LogType.Enforced, true)]
    [InlineData(LogCategory.Response, LogType.Throttled, false)]
    [InlineData(LogCategory.Target, LogType.Published, true)]
    [InlineData(LogCategory.Response, LogType.Dispatched, true)]
    [InlineData(LogCategory.Source, LogType.Filtered, false)]
    [InlineData(LogCategory.Response, LogType.Mapped, true)]
    [InlineData(LogCategory.Connection, LogType.Dropped, false)]
    [InlineData(LogCategory.Connection, LogType.Other, true)]
    [InlineData(LogCategory.Source, LogType.Other, true)]
    public void IsValidCombination_should_follow_the_spec_table_when_checking(LogCategory category, LogType type, bool valid) =>
        Assert.Equal(valid, LogEntry.IsValidCombination(category, type));

    [Fact]
    public void Constructor_should_reject_an_invalid_combination_when_creating()
    {
        Assert.Throws<ArgumentException>(() => new LogEntry("c", T0, LogCategory.Connection, LogType.Consumed, LogLevel.Success, "m"));
    }

    [Fact]
    public void CorrelationId_should_fall_back_to_not_provided_when_missing()
    {
        var entry = new LogEntry(null, T0, LogCategory.Connection, LogType.Other, LogLevel.Failure, "Connection failed.");

        Assert.Equal("<not-provided>", entry.CorrelationId);
        var expected = JsonNode.Parse(
            """{"correlationId":"<not-provided>","timestamp":"2026-01-21T08:57:24.710Z","category":"connection","type":"other","level":"failure","message":"Connection failed."}""");
        Assert.True(JsonNode.DeepEquals(expected, entry.ToJson()));
    }

    [Fact]
    public void FromJson_should_reject_an_invalid_combination_when_parsing()
    {
        var json = new JsonObject
        {
            ["timestamp"] = "2026-01-21T08:57:24.710Z",
            ["category"] = "connection",
            ["type"] = "consumed",
            ["level"] = "success",
            ["message"] = "m",
        };

        var error = Assert.ThrowsAny<Exception>(() => LogEntry.FromJson(json));

        Assert.Contains("consumed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_should_read_timestamps_with_nanoseconds_when_parsing()
    {
        var entry = new LogEntry("c", T0.AddTicks(1), LogCategory.Source, LogType.Mapped, LogLevel.Success, "m", "a");

        var json = entry.ToJson();

        Assert.Equal("2026-01-21T08:57:24.710000100Z", json["timestamp"]!.GetValue<string>());
        Assert.Equal(entry, LogEntry.FromJson(json));
    }
}
