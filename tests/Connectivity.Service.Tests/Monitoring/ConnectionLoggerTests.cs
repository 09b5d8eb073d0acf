using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Connectivity.Service.Monitoring;
using Xunit;
using Connectivity.TestKit.Time;

namespace Connectivity.Service.Tests.Monitoring;

public class ConnectionLoggerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 21, 8, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider clock = new(Start);

    private ConnectionLogger Logger(ConnectionLoggerOptions? options = null) => new("my-conn", options ?? new ConnectionLoggerOptions(), clock);

    private void LogConsumed(ConnectionLogger logger, int count, LogLevel level, string address = "telemetry/#")
    {
        for (var i = 0; i < count; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            logger.Log(LogCategory.Source, LogType.Consumed, level, $"message {i}", address: address);
        }
    }

    [Fact]
    public void Log_should_keep_nothing_when_logging_is_disabled()
    {
        var logger = Logger();

        logger.LogConnectionFailure("Connection failed.", null);
        var response = logger.Retrieve(DittoHeaders.Empty);

        Assert.False(logger.IsEnabled);
        Assert.Empty(response.ConnectionLogs);
        Assert.Null(response.EnabledSince);
        Assert.Null(response.EnabledUntil);
    }

    [Fact]
    public void Log_should_evict_oldest_entries_per_level_when_capacity_is_reached()
    {
        var logger = Logger(new ConnectionLoggerOptions { SuccessCapacity = 3, FailureCapacity = 2 });
        logger.Enable();

        LogConsumed(logger, 5, LogLevel.Success);
        LogConsumed(logger, 4, LogLevel.Failure);
        var entries = logger.Retrieve(DittoHeaders.Empty).ConnectionLogs;

        Assert.Equal(["message 2", "message 3", "message 4"], entries.Where(e => e.Level == LogLevel.Success).Select(e => e.Message));
        Assert.Equal(["message 2", "message 3"], entries.Where(e => e.Level == LogLevel.Failure).Select(e => e.Message));
    }

    [Fact]
    public void Log_should_use_separate_queues_when_addresses_differ()
    {
        var logger = Logger(new ConnectionLoggerOptions { SuccessCapacity = 1 });
        logger.Enable();

        LogConsumed(logger, 1, LogLevel.Success, "a");
        LogConsumed(logger, 1, LogLevel.Success, "b");

        Assert.Equal(2, logger.Retrieve(DittoHeaders.Empty).ConnectionLogs.Count);
    }

    [Fact]
    public void Retrieve_should_return_entries_oldest_first_when_queues_interleave()
    {
        var logger = Logger();
        logger.Enable();
        LogConsumed(logger, 1, LogLevel.Success, "a");
        logger.LogConnectionSuccess("Connected.");
        LogConsumed(logger, 1, LogLevel.Failure, "a");

        var entries = logger.Retrieve(DittoHeaders.Empty).ConnectionLogs;

        Assert.Equal(entries.OrderBy(e => e.Timestamp), entries);
        var connection = Assert.Single(entries, e => e.Category == LogCategory.Connection);
        Assert.Equal((LogType.Other, LogLevel.Success, "<not-provided>"), (connection.Type, connection.Level, connection.CorrelationId));
    }

    [Fact]
    public void LogConnectionFailure_should_write_a_connection_failure_entry_when_enabled()
    {
        var logger = Logger();
        logger.Enable();

        logger.LogConnectionFailure("Connection refused, reconnecting in 5s.", "corr-1");

        var entry = Assert.Single(logger.Retrieve(DittoHeaders.Empty).ConnectionLogs);
        Assert.Equal((LogCategory.Connection, LogType.Other, LogLevel.Failure, "corr-1"), (entry.Category, entry.Type, entry.Level, entry.CorrelationId));
        Assert.Equal(Start, entry.Timestamp);
        Assert.Null(entry.Address);
    }

    [Fact]
    public void Enable_should_set_since_and_until_from_the_log_duration_when_called()
    {
        var logger = Logger();

        logger.Enable();

        Assert.True(logger.IsEnabled);
        Assert.Equal(Start, logger.EnabledSince);
        Assert.Equal(Start.AddHours(1), logger.EnabledUntil);
    }

    [Fact]
    public void Enable_should_keep_since_and_move_until_when_already_enabled()
    {
        var logger = Logger();
        logger.Enable();
        clock.Advance(TimeSpan.FromMinutes(10));

        logger.Enable(TimeSpan.FromHours(24));

        Assert.Equal(Start, logger.EnabledSince);
        Assert.Equal(Start.AddMinutes(10).AddHours(24), logger.EnabledUntil);
    }

    [Fact]
    public void Retrieve_should_extend_enabled_until_when_logging_is_enabled()
    {
        var logger = Logger();
        logger.Enable();
        clock.Advance(TimeSpan.FromMinutes(30));

        var response = logger.Retrieve(DittoHeaders.Empty);

        Assert.Equal(Start, response.EnabledSince);
        Assert.Equal(Start.AddMinutes(90), response.EnabledUntil);
        Assert.Equal(Start.AddMinutes(90), logger.EnabledUntil);
    }

    [Fact]
    public void DisableIfExpired_should_keep_logging_when_not_yet_expired()
    {
        var logger = Logger();
        logger.Enable();
        clock.Advance(TimeSpan.FromHours(1));

        Assert.False(logger.DisableIfExpired(clock.GetUtcNow()));
        Assert.True(logger.IsEnabled);
    }

    [Fact]
    public void DisableIfExpired_should_mute_and_clear_when_expired()
    {
        var logger = Logger();
        logger.Enable();
        logger.LogConnectionSuccess("Connected.");
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(1));

        Assert.True(logger.DisableIfExpired(clock.GetUtcNow()));
        logger.Enable();

        Assert.Empty(logger.Retrieve(DittoHeaders.Empty).ConnectionLogs);
    }

    [Fact]
    public void Clear_should_drop_entries_but_keep_logging_enabled_when_reset()
    {
        var logger = Logger();
        logger.Enable();
        logger.LogConnectionSuccess("Connected.");

        logger.Clear();

        Assert.True(logger.IsEnabled);
        Assert.Empty(logger.Retrieve(DittoHeaders.Empty).ConnectionLogs);
    }

    [Fact]
    public void Disable_should_null_the_timestamps_when_called()
    {
        var logger = Logger();
        logger.Enable();

        logger.Disable();

        Assert.Null(logger.EnabledSince);
        Assert.Null(logger.EnabledUntil);
    }
}
