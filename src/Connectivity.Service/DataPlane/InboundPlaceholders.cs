using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Placeholders;
using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// The placeholder steps of inbound processing (spec §7.3): a source's header mapping onto the mapped signal and the
/// source's enforcement.
/// </summary>
public static class InboundPlaceholders
{
    /// <summary>
    /// The signal with the source's <c>headerMapping</c> applied (placeholders: <c>header:</c> over the consumed
    /// message's headers, <c>thing:</c>, <c>topic:</c> etc. over the signal; an unresolvable entry is skipped, keys
    /// starting with <c>ditto-</c> are ignored) and a correlation id: the signal's own, else the consumed message's,
    /// else a new one.
    /// </summary>
    public static DittoProtocolMessage ApplyHeaderMapping(
        DittoProtocolMessage signal, Source source, ExternalMessage message, string connectionId, TimeProvider time)
    {
        var headers = signal.Headers;
        if (source.HeaderMapping.Count > 0)
        {
            var placeholders = new SignalPlaceholders(signal, message.Headers, connectionId, message.SourceAddress, time);
            foreach (var (name, template) in source.HeaderMapping)
            {
                if (name.StartsWith("ditto-", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var resolved = PlaceholderResolver.Resolve(template, placeholders);
                if (resolved.IsResolved && resolved.Text is { } value)
                {
                    headers = headers.With(name, value);
                }
            }
        }

        if (headers.CorrelationId is null)
        {
            headers = headers.With(DittoHeaders.CorrelationIdKey, message.CorrelationId ?? Guid.NewGuid().ToString());
        }

        return ReferenceEquals(headers, signal.Headers) ? signal : signal with { Headers = headers };
    }

    /// <summary>
    /// Null when the signal passes the source's enforcement (or there is none); otherwise why not. The input is
    /// resolved over the consumed message (<c>header:</c>, <c>source:address</c>), the filters over the signal
    /// (<c>thing:id</c> etc.); one filter must equal the input.
    /// </summary>
    public static string? Enforce(DittoProtocolMessage signal, Enforcement enforcement, ExternalMessage message, string connectionId, TimeProvider time)
    {
        var input = PlaceholderResolver.Resolve(
            enforcement.Input, SignalPlaceholders.ForExternalMessage(message.Headers, connectionId, message.SourceAddress, time));
        if (!input.IsResolved || input.Text is not { } inputValue)
        {
            return $"The enforcement input '{enforcement.Input}' could not be resolved: {input.Reason}.";
        }

        var placeholders = new SignalPlaceholders(signal, message.Headers, connectionId, message.SourceAddress, time);
        var filters = enforcement.Filters.Select(f => PlaceholderResolver.Resolve(f, placeholders)).Where(r => r.IsResolved).Select(r => r.Text).ToList();
        return filters.Contains(inputValue, StringComparer.Ordinal)
            ? null
            : $"The enforcement input '{inputValue}' matches none of the filters [{string.Join(", ", filters)}] of the signal for '{signal.Topic.Namespace}:{signal.Topic.EntityName}'.";
    }
}
