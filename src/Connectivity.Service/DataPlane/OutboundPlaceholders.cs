using Connectivity.Model.Connections;
using Connectivity.Model.Placeholders;
using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.DataPlane;

/// <summary>The placeholder steps of outbound processing (spec §7.3): a target's address and header mapping, resolved over the signal.</summary>
public static class OutboundPlaceholders
{
    /// <summary>A target's (or reply target's) address for <paramref name="signal"/>, or null with the reason when a placeholder cannot be resolved.</summary>
    public static string? ResolveAddress(string address, DittoProtocolMessage signal, string connectionId, TimeProvider time, out string? problem)
    {
        var resolved = PlaceholderResolver.Resolve(address, SignalPlaceholders.ForSignal(signal, connectionId, time));
        problem = resolved.IsResolved ? null : resolved.Reason;
        return resolved.IsResolved ? resolved.Text : null;
    }

    /// <summary>
    /// The mapped message with the target's <c>headerMapping</c> added (<c>header:</c> are the signal's Ditto headers;
    /// an unresolvable entry is skipped; keys starting with <c>ditto-</c> are ignored).
    /// </summary>
    public static OutboundExternalMessage ApplyHeaderMapping(
        OutboundExternalMessage message, Target target, DittoProtocolMessage signal, string connectionId, TimeProvider time)
    {
        if (target.HeaderMapping.Count == 0)
        {
            return message;
        }

        var placeholders = SignalPlaceholders.ForSignal(signal, connectionId, time);
        var headers = new Dictionary<string, string>(message.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, template) in target.HeaderMapping)
        {
            if (name.StartsWith("ditto-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var resolved = PlaceholderResolver.Resolve(template, placeholders);
            if (resolved.IsResolved && resolved.Text is { } value)
            {
                headers[name] = value;
            }
        }

        return message with { Headers = headers };
    }
}
