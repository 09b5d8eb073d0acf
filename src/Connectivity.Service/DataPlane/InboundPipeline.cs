using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Protocol;
using Connectivity.Service.Mapping;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// The inbound data plane of one client (spec §7.1, §1.9): a consumed message is counted, mapped by its source's
/// mappers, gets the source's header mapping, passes the source's enforcement, and each resulting signal is routed to
/// the connections whose targets subscribe to it; a live command or message from a source with a reply target waits
/// for its response, and a consumed response goes back to the client that consumed its command. A mapping or enforcement failure rejects the message (it is
/// acknowledged, not redelivered: the same payload would fail again); every step shows in metrics and log.
/// </summary>
public sealed class InboundPipeline(
    Connection connection,
    ConnectionMappers mappers,
    ISignalRouter router,
    IResponseSink responses,
    DataPlaneMonitoring monitoring,
    TimeProvider time) : IInboundMessageSink
{
    public async ValueTask<InboundMessageOutcome> HandleAsync(ExternalMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        monitoring.Consumed(message);
        if (message.SourceIndex < 0 || message.SourceIndex >= connection.Sources.Count)
        {
            monitoring.Dropped(message, $"The message names source {message.SourceIndex}, which the connection does not have; message is dropped.");
            return InboundMessageOutcome.Rejected;
        }

        var source = connection.Sources[message.SourceIndex];
        var outcome = InboundMessageOutcome.Accepted;
        List<string>? skips = null;
        var produced = false;
        foreach (var mapping in mappers.MapIncoming(source, message))
        {
            if (mapping.Failure is { } failure)
            {
                monitoring.MappingFailed(message, mapping.MapperId, failure);
                outcome = InboundMessageOutcome.Rejected;
            }
            else if (mapping.Skipped)
            {
                (skips ??= []).Add(mapping.SkipReason ?? $"mapper '{mapping.MapperId}' was skipped");
            }
            else if (mapping.Dropped)
            {
                monitoring.Dropped(message, $"Payload mapping '{mapping.MapperId}' returned no message, message is dropped.");
                produced = true;
            }
            else
            {
                produced = true;
                foreach (var signal in mapping.Messages)
                {
                    if (!await DispatchAsync(source, message, signal, cancellationToken).ConfigureAwait(false))
                    {
                        outcome = InboundMessageOutcome.Rejected;
                    }
                }
            }
        }

        if (!produced && outcome == InboundMessageOutcome.Accepted)
        {
            monitoring.Dropped(message, $"No payload mapping ran, message is dropped: {string.Join("; ", skips ?? [])}.");
        }

        return outcome;
    }

    /// <summary>
    /// Header mapping, enforcement and routing of one mapped signal; false if enforcement refused it. Completes when
    /// every subscribed client took the signal, so a full client queue holds the message's acknowledgement back.
    /// </summary>
    private async ValueTask<bool> DispatchAsync(Source source, ExternalMessage message, DittoProtocolMessage mapped, CancellationToken cancellationToken)
    {
        var signal = InboundPlaceholders.ApplyHeaderMapping(mapped, source, message, connection.Id, time);
        monitoring.Mapped(message, signal);
        if (source.Enforcement is { } enforcement)
        {
            var refused = InboundPlaceholders.Enforce(signal, enforcement, message, connection.Id, time);
            monitoring.Enforced(message, signal, refused);
            if (refused is not null)
            {
                return false;
            }
        }

        if (signal.Kind is SignalKind.LiveResponse or SignalKind.Error)
        {
            if (!router.RouteResponse(signal))
            {
                monitoring.Dropped(message, $"No command waits for the response with correlation id '{signal.Headers.CorrelationId}'; response is dropped.", signal);
            }

            return true;
        }

        if (signal.Kind is SignalKind.LiveCommand or SignalKind.LiveMessage && ExpectsResponse(source, signal))
        {
            var timeout = signal.Headers.Timeout is { } given && given > TimeSpan.Zero ? given : ResponseRoutes.DefaultTimeout;
            router.ExpectResponse(signal.Headers.CorrelationId!, new PendingResponse(responses, source, signal.Headers, time.GetUtcNow() + timeout));
        }

        if (signal.Kind.SubscriptionTopic() is null || signal.Kind is SignalKind.ConnectionAnnouncement or SignalKind.PolicyAnnouncement)
        {
            monitoring.Dropped(
                message,
                $"Signals of kind {signal.Kind} ('{signal.Topic}') are not routed to other connections: only live messages, live commands, live events and twin events are; signal is dropped.",
                signal);
            return true;
        }

        await router.RouteAsync(signal, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Whether the source publishes the response to a command through its reply target (enabled, and the command requires a response).</summary>
    private static bool ExpectsResponse(Source source, DittoProtocolMessage command) =>
        source is { ReplyTargetEnabled: true, ReplyTarget: not null }
        && !(command.Headers.TryGetValue(DittoHeaders.ResponseRequiredKey, out var required) && string.Equals(required, "false", StringComparison.OrdinalIgnoreCase));
}
