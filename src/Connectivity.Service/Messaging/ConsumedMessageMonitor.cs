using Connectivity.Model.Monitoring;
using Connectivity.Service.Monitoring;

namespace Connectivity.Service.Messaging;

/// <summary>
/// The inbound sink until the data plane processes messages: counts every message as <c>consumed</c> success for its
/// source address (spec §5.1) and logs a <c>consumed</c> success entry with its correlation id (spec §5.2), then accepts it.
/// </summary>
public sealed class ConsumedMessageMonitor : IInboundMessageSink
{
    /// <summary>The message of a <c>consumed</c> success log entry (spec §5.2).</summary>
    public const string ConsumedMessage = "Received signal.";

    private readonly ConnectionLogger connectionLogger;
    private readonly ConnectionMetricsCollector metrics;

    public ConsumedMessageMonitor(ConnectionLogger connectionLogger, ConnectionMetricsCollector metrics)
    {
        this.connectionLogger = connectionLogger;
        this.metrics = metrics;
    }

    public ValueTask<InboundMessageOutcome> HandleAsync(ExternalMessage message, CancellationToken cancellationToken)
    {
        metrics.Record(MetricDirection.Inbound, MetricType.Consumed, message.SourceAddress, success: true);
        connectionLogger.Log(
            LogCategory.Source, LogType.Consumed, LogLevel.Success, ConsumedMessage, message.CorrelationId, message.SourceAddress);
        return ValueTask.FromResult(InboundMessageOutcome.Accepted);
    }
}
