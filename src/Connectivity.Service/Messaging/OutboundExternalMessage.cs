using System.Collections.Frozen;
using System.Text;

namespace Connectivity.Service.Messaging;

/// <summary>
/// A message for an external system, produced by outbound payload mapping (spec §7.1) and published to a target: its
/// headers (case-insensitive names; protocol properties such as <c>mqtt.retain</c> or <c>http.query</c> included) and
/// its payload as text or bytes.
/// </summary>
public sealed record OutboundExternalMessage
{
    /// <summary>The headers; names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Headers
    {
        get;
        init => field = value.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    } = new Dictionary<string, string>().ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The payload as text; null for a byte payload or none.</summary>
    public string? TextPayload { get; init; }

    /// <summary>The payload as bytes; null for a text payload or none.</summary>
    public ReadOnlyMemory<byte>? BytePayload { get; init; }

    /// <summary>The content type of the payload, if known.</summary>
    public string? ContentType { get; init; }

    /// <summary>The payload as bytes: the byte payload, or the text encoded as UTF-8; empty without a payload.</summary>
    public ReadOnlyMemory<byte> PayloadAsBytes() =>
        BytePayload ?? (TextPayload is { } text ? Encoding.UTF8.GetBytes(text) : ReadOnlyMemory<byte>.Empty);
}
