using System.Collections.Frozen;
using System.Text;

namespace Connectivity.Service.Messaging;

/// <summary>
/// A message a protocol binding consumed from one address of a connection source, before any mapping: its headers
/// (case-insensitive names; protocol properties such as <c>mqtt.topic</c> included), its payload as text or bytes, and
/// where it came from. Bindings hand it to the data plane through <see cref="IInboundMessageSink"/>.
/// </summary>
public sealed record ExternalMessage
{
    /// <summary>The header carrying the correlation id (spec §5.2 log entries use it).</summary>
    public const string CorrelationIdHeader = "correlation-id";

    /// <summary>The header carrying the payload's content type.</summary>
    public const string ContentTypeHeader = "content-type";

    /// <summary>The headers; names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Headers
    {
        get;
        init => field = value.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    } = new Dictionary<string, string>().ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The payload as text, when the protocol delivered it as text or the binding decoded it; null for a byte-only message.</summary>
    public string? TextPayload { get; init; }

    /// <summary>The payload as bytes, when the protocol delivered bytes; null for a text-only message.</summary>
    public ReadOnlyMemory<byte>? BytePayload { get; init; }

    /// <summary>The source address (e.g. the MQTT topic filter) the message was consumed from, as configured.</summary>
    public required string SourceAddress { get; init; }

    /// <summary>The index of the consuming source in the connection's <c>sources</c>.</summary>
    public int SourceIndex { get; init; }

    /// <summary>The authorization context of the consuming source.</summary>
    public IReadOnlyList<string> AuthorizationContext { get; init; } = [];

    /// <summary>The <c>content-type</c> header, if any.</summary>
    public string? ContentType => Headers.GetValueOrDefault(ContentTypeHeader);

    /// <summary>The <c>correlation-id</c> header, if any.</summary>
    public string? CorrelationId => Headers.GetValueOrDefault(CorrelationIdHeader);

    /// <summary>Whether the payload is text (<see cref="TextPayload"/>) rather than bytes.</summary>
    public bool IsText => TextPayload is not null;

    /// <summary>The payload as text: the text payload, or the bytes decoded as UTF-8; null without a payload.</summary>
    public string? PayloadAsText() =>
        TextPayload ?? (BytePayload is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : null);
}
