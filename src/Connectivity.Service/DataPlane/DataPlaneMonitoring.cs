using Connectivity.Model.Connections;
using Connectivity.Model.Monitoring;
using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;
using Connectivity.Service.Monitoring;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// What the data plane tells the metrics (spec §5.1) and the connection log (spec §5.2) of one client: every step a
/// message takes, counted under its source or target address, with a log entry carrying its correlation id and entity.
/// </summary>
public sealed class DataPlaneMonitoring(ConnectionLogger log, ConnectionMetricsCollector metrics)
{
    /// <summary>The target address responses to reply targets are accounted under (spec §5.1); their log category is <c>response</c>.</summary>
    public const string ResponsesAddress = "_responses";

    public void Consumed(ExternalMessage message) =>
        Inbound(message, MetricType.Consumed, LogType.Consumed, true, "Received signal.");

    public void Mapped(ExternalMessage message, DittoProtocolMessage signal) =>
        Inbound(message, MetricType.Mapped, LogType.Mapped, true, "Mapped incoming signal.", signal);

    public void MappingFailed(ExternalMessage message, string mapperId, string failure) =>
        Inbound(message, MetricType.Mapped, LogType.Mapped, false, $"Payload mapping '{mapperId}' failed: {failure}");

    public void Dropped(ExternalMessage message, string reason, DittoProtocolMessage? signal = null) =>
        Inbound(message, MetricType.Dropped, LogType.Dropped, true, reason, signal);

    public void Enforced(ExternalMessage message, DittoProtocolMessage signal, string? failure) =>
        Inbound(message, MetricType.Enforced, LogType.Enforced, failure is null, failure ?? "Signal passed the source's enforcement.", signal);

    public void Dispatched(Target target, DittoProtocolMessage signal) =>
        Outbound(target, signal, MetricType.Dispatched, LogType.Dispatched, true, "Signal dispatched to the target.");

    public void Filtered(Target target, DittoProtocolMessage signal, string reason) =>
        Outbound(target, signal, MetricType.Filtered, LogType.Filtered, true, reason);

    public void Mapped(Target target, DittoProtocolMessage signal) =>
        Outbound(target, signal, MetricType.Mapped, LogType.Mapped, true, "Mapped outgoing signal.");

    public void MappingFailed(Target target, DittoProtocolMessage signal, string mapperId, string failure) =>
        Outbound(target, signal, MetricType.Mapped, LogType.Mapped, false, $"Payload mapping '{mapperId}' failed: {failure}");

    /// <summary>A signal not published: <paramref name="failure"/> when something went wrong (queue full, unresolvable address), not when a mapper chose to drop it.</summary>
    public void Dropped(Target target, DittoProtocolMessage signal, string reason, bool failure) =>
        Outbound(target, signal, MetricType.Dropped, LogType.Dropped, !failure, reason);

    public void Published(Target target, DittoProtocolMessage signal, string address, PublishOutcome outcome) =>
        Outbound(
            target,
            signal,
            MetricType.Published,
            LogType.Published,
            outcome.Success,
            outcome.Success
                ? $"Published signal to '{address}' ({outcome.Status})."
                : $"Publishing the signal to '{address}' failed ({outcome.Status}): {outcome.Detail}");

    private void Inbound(ExternalMessage message, MetricType type, LogType logType, bool success, string text, DittoProtocolMessage? signal = null)
    {
        metrics.Record(MetricDirection.Inbound, type, message.SourceAddress, success);
        log.Log(
            LogCategory.Source,
            logType,
            success ? LogLevel.Success : LogLevel.Failure,
            text,
            signal?.Headers.CorrelationId ?? message.CorrelationId,
            message.SourceAddress,
            signal is null ? null : EntityType(signal.Topic),
            signal is null ? null : EntityId(signal.Topic));
    }

    private void Outbound(Target target, DittoProtocolMessage signal, MetricType type, LogType logType, bool success, string text)
    {
        metrics.Record(MetricDirection.Outbound, type, target.Address, success);
        log.Log(
            target.Address == ResponsesAddress ? LogCategory.Response : LogCategory.Target,
            logType,
            success ? LogLevel.Success : LogLevel.Failure,
            text,
            signal.Headers.CorrelationId,
            target.Address,
            EntityType(signal.Topic),
            EntityId(signal.Topic));
    }

    private static string EntityType(DittoTopic topic) => topic.Group switch
    {
        DittoTopic.ThingsGroup => "thing",
        DittoTopic.PoliciesGroup => "policy",
        DittoTopic.ConnectionsGroup => "connection",
        _ => topic.Group,
    };

    private static string EntityId(DittoTopic topic) =>
        topic.Group == DittoTopic.ConnectionsGroup ? topic.EntityName : topic.Namespace + ":" + topic.EntityName;
}
