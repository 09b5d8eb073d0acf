using System.Text;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Connectivity.Service.Messaging;
using Connectivity.Service.Monitoring;
using Connectivity.TestKit.Time;
using Xunit;

namespace Connectivity.Service.Tests.Messaging;

public sealed class ConsumedMessageMonitorTests
{
    [Fact]
    public async Task ConsumedMessageMonitor_should_count_and_log_consumed_success_when_a_message_arrives()
    {
        var clock = new ManualTimeProvider();
        var log = new ConnectionLogger("conn-1", new ConnectionLoggerOptions(), clock);
        log.Enable();
        var metrics = new ConnectionMetricsCollector(clock);
        var monitor = new ConsumedMessageMonitor(log, metrics);

        var outcome = await monitor.HandleAsync(
            new ExternalMessage
            {
                SourceAddress = "telemetry/#",
                Headers = new Dictionary<string, string> { ["Correlation-Id"] = "corr-7", ["mqtt.topic"] = "telemetry/a" },
                BytePayload = Encoding.UTF8.GetBytes("{}"),
            },
            CancellationToken.None);
        await monitor.HandleAsync(new ExternalMessage { SourceAddress = "telemetry/#" }, CancellationToken.None);

        Assert.Equal(InboundMessageOutcome.Accepted, outcome);
        var consumed = metrics.Snapshot().SourceMetrics.AddressMetrics["telemetry/#"].Measurements
            .Single(m => m.Type == MetricType.Consumed && m.Success);
        Assert.Equal(2, consumed.Counts[MetricWindow.OneMinute]);
        var entries = log.Retrieve(DittoHeaders.Empty).ConnectionLogs;
        Assert.Equal(["corr-7", LogEntry.NotProvidedCorrelationId], entries.Select(e => e.CorrelationId));
        Assert.All(entries, e => Assert.Equal(
            (LogCategory.Source, LogType.Consumed, LogLevel.Success, "Received signal.", "telemetry/#"),
            (e.Category, e.Type, e.Level, e.Message, e.Address)));
    }

    [Fact]
    public void ExternalMessage_should_look_headers_up_case_insensitively_when_read()
    {
        var message = new ExternalMessage
        {
            SourceAddress = "a",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain", ["CORRELATION-ID"] = "x" },
            BytePayload = Encoding.UTF8.GetBytes("hello"),
        };

        Assert.Equal("text/plain", message.ContentType);
        Assert.Equal("x", message.CorrelationId);
        Assert.Equal("text/plain", message.Headers["content-type"]);
        Assert.False(message.IsText);
        Assert.Equal("hello", message.PayloadAsText());
    }
}
