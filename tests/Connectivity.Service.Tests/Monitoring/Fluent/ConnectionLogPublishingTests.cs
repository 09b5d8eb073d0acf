using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Connectivity.Service.Monitoring;
using Connectivity.Service.Monitoring.Fluent;
using Connectivity.TestKit.Fluent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Connectivity.Service.Tests.Monitoring.Fluent;

/// <summary>Entries logged through a <see cref="ConnectionLogger"/> reaching the real forward_sink.py (spec §5.3).</summary>
public class ConnectionLogPublishingTests
{
    [Fact]
    public async Task ConnectionLogger_should_publish_entries_under_the_connection_tag_with_dittos_record_keys_when_enabled()
    {
        await using var sink = await ForwardSink.StartNewAsync();
        var options = Enabled(sink);
        options.AdditionalLogContext["cluster"] = "eu-1";
        await using var publisher = NewPublisher(options);
        var logger = NewLogger("conn-1", publisher);
        logger.Enable();
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250);

        logger.Log(new LogEntry("corr-1", timestamp, LogCategory.Source, LogType.Consumed, LogLevel.Success,
            "Received signal.", "telemetry/#", "thing", "org.acme:d1"));
        logger.LogConnectionFailure("Connect failed: refused.");
        var events = await sink.WaitForEventsAsync(e => e.Count >= 2);

        Assert.All(events, e => Assert.Equal("connection:conn-1", (string?)e["tag"]));
        Assert.Equal(1_700_000_000.25, (double)events[0]["time"]!, 6);
        Assert.Equal(
            """{"connectionId":"conn-1","level":"success","category":"source","type":"consumed","correlationId":"corr-1","address":"telemetry/#","entityType":"thing","entityId":"org.acme:d1","message":"Received signal.","instanceId":"node-1","cluster":"eu-1"}""",
            events[0]["record"]!.ToJsonString());
        Assert.Equal(
            """{"connectionId":"conn-1","level":"failure","category":"connection","type":"other","message":"Connect failed: refused.","instanceId":"node-1","cluster":"eu-1"}""",
            events[1]["record"]!.ToJsonString());
    }

    [Fact]
    public async Task ConnectionLogger_should_publish_entries_when_its_in_memory_log_is_disabled()
    {
        await using var sink = await ForwardSink.StartNewAsync();
        await using var publisher = NewPublisher(Enabled(sink));
        var logger = NewLogger("conn-2", publisher);

        logger.LogConnectionSuccess("Connected.");
        var events = await sink.WaitForEventsAsync(e => e.Count >= 1);

        Assert.Equal("Connected.", Message(events[0]));
        Assert.Empty(logger.Retrieve(DittoHeaders.Empty).ConnectionLogs);
    }

    [Fact]
    public async Task Publisher_should_publish_only_failures_when_log_levels_is_failure()
    {
        await using var sink = await ForwardSink.StartNewAsync();
        var options = Enabled(sink);
        options.LogLevels = "failure";
        await using var publisher = NewPublisher(options);
        var logger = NewLogger("conn-3", publisher);

        logger.LogConnectionSuccess("s1");
        logger.LogConnectionFailure("f1");
        logger.LogConnectionSuccess("s2");
        logger.LogConnectionFailure("f2");
        var events = await sink.WaitForEventsAsync(e => e.Any(x => Message(x) == "f2"));

        Assert.Equal(["f1", "f2"], events.Select(Message).ToArray());
    }

    [Fact]
    public async Task Publisher_should_use_one_tag_for_every_connection_when_log_tag_is_set()
    {
        await using var sink = await ForwardSink.StartNewAsync();
        var options = Enabled(sink);
        options.LogTag = "ditto.connection-logs";
        await using var publisher = NewPublisher(options);

        NewLogger("a", publisher).LogConnectionSuccess("from a");
        NewLogger("b", publisher).LogConnectionSuccess("from b");
        var events = await sink.WaitForEventsAsync(e => e.Count >= 2);

        Assert.All(events, e => Assert.Equal("ditto.connection-logs", (string?)e["tag"]));
        Assert.Equal(["a", "b"], events.Select(e => (string)e["record"]!["connectionId"]!).Order().ToArray());
    }

    [Fact]
    public async Task ConnectionLogger_should_deliver_entries_logged_while_the_receiver_was_down_when_it_is_back()
    {
        await using var sink = await ForwardSink.StartNewAsync();
        await using var publisher = NewPublisher(Enabled(sink));
        var logger = NewLogger("conn-4", publisher);
        logger.Enable();
        logger.LogConnectionSuccess("before");
        await sink.WaitForEventsAsync(e => e.Count == 1);

        await sink.StopAsync();
        await FluentForwardClientTests.WaitUntilAsync(() => !publisher.Client!.IsConnected);
        for (var i = 0; i < 50; i++)
        {
            logger.LogConnectionFailure($"while down {i}");
        }

        var kept = logger.Retrieve(DittoHeaders.Empty).ConnectionLogs.Count;
        await sink.StartAsync();
        var events = await sink.WaitForEventsAsync(e => e.Count >= 51);

        Assert.Equal(["before", .. Enumerable.Range(0, 50).Select(i => $"while down {i}")], events.Select(Message).ToArray());
        Assert.Equal(11, kept); // the in-memory log went on as usual: 1 success + the last 10 failures
    }

    [Fact]
    public async Task AddConnectionLogPublishing_should_publish_to_the_endpoint_the_environment_names_when_enabled_by_variables()
    {
        await using var sink = await ForwardSink.StartNewAsync();
        var environment = new Dictionary<string, string?>
        {
            ["CONNECTIVITY_LOGGER_PUBLISHER_ENABLED"] = "true",
            ["CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_HOST"] = sink.Host,
            ["CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_PORT"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CONNECTIVITY_LOGGER_PUBLISHER_LOG_TAG"] = "from-env",
            ["CONNECTIVITY_LOGGER_PUBLISHER_LOG_LEVELS"] = "failure",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectivity:Logger:Publisher:Fluency:FlushAttemptInterval"] = "00:00:00.020",
            ["Connectivity:Logger:Publisher:Fluency:BufferChunkRetentionTime"] = "00:00:00",
        }).Build();
        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddConnectionLogPublishing(configuration, environment.GetValueOrDefault, _ => "node-7")
            .BuildServiceProvider();
        var publisher = provider.GetRequiredService<ConnectionLogPublisher>();
        var logger = NewLogger("conn-5", publisher);

        logger.LogConnectionSuccess("not published");
        logger.LogConnectionFailure("published");
        var events = await sink.WaitForEventsAsync(e => e.Count >= 1);

        var only = Assert.Single(events);
        Assert.Equal(("from-env", "published", "node-7"), ((string?)only["tag"], Message(only), (string?)only["record"]!["instanceId"]));
    }

    private static ConnectionLogPublisherOptions Enabled(ForwardSink sink) =>
        new() { Enabled = true, Fluency = FluentForwardClientTests.FastOptions(sink) };

    private static ConnectionLogPublisher NewPublisher(ConnectionLogPublisherOptions options) =>
        new(options, "node-1", TimeProvider.System, NullLoggerFactory.Instance);

    private static ConnectionLogger NewLogger(string connectionId, IConnectionLogPublisher publisher) =>
        new(connectionId, new ConnectionLoggerOptions(), TimeProvider.System, publisher);

    private static string Message(JsonObject e) => (string)e["record"]!["message"]!;
}
