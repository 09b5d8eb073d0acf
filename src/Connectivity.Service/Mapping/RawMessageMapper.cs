using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Placeholders;
using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Mapping;

/// <summary>
/// The <c>RawMessage</c> engine (spec §7.1, Ditto's <c>RawMessageMapper</c>): the payload of a live message as it is.
/// Inbound, the message headers (option <c>incomingMessageHeaders</c>, placeholders over the external headers, merged
/// over the defaults) give content type, thing id, subject, direction, feature id and status of a live message whose
/// value is the payload: JSON parsed, text as a string, binary in base64. A Ditto Protocol content type is mapped by the
/// <c>Ditto</c> engine instead. Outbound, a live message's value becomes the raw payload with the message headers
/// (<c>ditto-message-*</c>, <c>status</c>) and its content type (default option <c>outgoingContentType</c>); any other
/// signal, or one with the Ditto Protocol content type, is mapped by the <c>Ditto</c> engine.
/// </summary>
public sealed class RawMessageMapper : IMessageMapper
{
    /// <summary>The engine alias.</summary>
    public const string Alias = "RawMessage";

    /// <summary>Default of the option <c>outgoingContentType</c>.</summary>
    public const string DefaultOutgoingContentType = "text/plain; charset=UTF-8";

    private const string ContentTypeHeader = "content-type";
    private const string DirectionHeader = "ditto-message-direction";
    private const string ThingIdHeader = "ditto-message-thing-id";
    private const string SubjectHeader = "ditto-message-subject";
    private const string FeatureIdHeader = "ditto-message-feature-id";
    private const string StatusHeader = "status";

    private static readonly Dictionary<string, string> DefaultIncomingMessageHeaders = new(StringComparer.Ordinal)
    {
        [ContentTypeHeader] = "{{ header:content-type | fn:default('application/octet-stream') }}",
        [DirectionHeader] = "{{ header:ditto-message-direction | fn:default('TO') }}",
        [ThingIdHeader] = "{{ header:ditto-message-thing-id }}",
        [SubjectHeader] = "{{ header:ditto-message-subject }}",
        [StatusHeader] = "{{ header:status }}",
        [FeatureIdHeader] = "{{ header:ditto-message-feature-id }}",
    };

    private readonly DittoMessageMapper ditto;
    private readonly string outgoingContentType;
    private readonly IReadOnlyDictionary<string, string> incomingMessageHeaders;
    private readonly TimeProvider time;
    private readonly string connectionId;

    private RawMessageMapper(string id, string outgoingContentType, IReadOnlyDictionary<string, string> incomingMessageHeaders, TimeProvider time, string connectionId)
    {
        Id = id;
        ditto = new DittoMessageMapper(id);
        this.outgoingContentType = outgoingContentType;
        this.incomingMessageHeaders = incomingMessageHeaders;
        this.time = time;
        this.connectionId = connectionId;
    }

    public string Id { get; }

    public bool MapsIncoming => true;

    public bool MapsOutgoing => true;

    internal static RawMessageMapper Create(string id, MapperOptions options, TimeProvider time, string connectionId)
    {
        var headers = new Dictionary<string, string>(DefaultIncomingMessageHeaders, StringComparer.Ordinal);
        foreach (var (name, value) in options.Object("incomingMessageHeaders") ?? [])
        {
            if (value is null)
            {
                continue;
            }

            var template = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();
            if (PlaceholderResolver.Validate(template) is { } problem)
            {
                throw new MapperConfigurationException($"The incoming message header '{name}: {template}' is invalid: {problem}.")
                {
                    Description = "Give each header of 'incomingMessageHeaders' a text, placeholders such as {{ header:device-id }} allowed.",
                };
            }

            headers[name] = template;
        }

        return new RawMessageMapper(id, options.String("outgoingContentType") ?? DefaultOutgoingContentType, headers, time, connectionId);
    }

    public IReadOnlyList<DittoProtocolMessage> MapIncoming(ExternalMessage message)
    {
        var placeholders = SignalPlaceholders.ForExternalMessage(message.Headers, connectionId, message.SourceAddress, time);
        var headers = incomingMessageHeaders
            .Select(h => (h.Key, Value: PlaceholderResolver.Resolve(h.Value, placeholders).Text))
            .Where(h => h.Value is not null)
            .ToDictionary(h => h.Key, h => h.Value!, StringComparer.Ordinal);
        if (!headers.TryGetValue(ContentTypeHeader, out var contentType))
        {
            throw new MessageMappingException(
                $"The RawMessage mapper failed to resolve {ContentTypeHeader} of an incoming message: make sure '{ContentTypeHeader}' is defined and resolvable in the option 'incomingMessageHeaders'.");
        }

        if (ContentTypes.IsDittoProtocol(contentType))
        {
            return ditto.MapIncoming(message);
        }

        var thingId = Required(headers, ThingIdHeader);
        if (!ThingIds.TryParse(thingId, out var ns, out var name))
        {
            throw new MessageMappingException($"The RawMessage mapper resolved the invalid thing id '{thingId}' from the header '{ThingIdHeader}'.");
        }

        var subject = Required(headers, SubjectHeader);
        var box = Required(headers, DirectionHeader).ToUpperInvariant() switch
        {
            "TO" => "inbox",
            "FROM" => "outbox",
            var other => throw new MessageMappingException($"The RawMessage mapper resolved the invalid message direction '{other}' (expected TO or FROM)."),
        };
        var feature = headers.GetValueOrDefault(FeatureIdHeader) is { Length: > 0 } featureId ? $"/features/{featureId}" : string.Empty;
        return
        [
            new DittoProtocolMessage
            {
                Topic = Topic(ns, name, subject),
                Path = $"{feature}/{box}/messages/{subject}",
                Headers = DittoHeaders.Of([KeyValuePair.Create(ContentTypeHeader, contentType)]),
                Value = IncomingValue(message, contentType),
                Status = headers.TryGetValue(StatusHeader, out var status) ? Status(status) : null,
            },
        ];
    }

    public IReadOnlyList<OutboundExternalMessage> MapOutgoing(DittoProtocolMessage message)
    {
        var contentType = message.Headers.GetValueOrDefault(ContentTypeHeader) ?? outgoingContentType;
        if (!message.Topic.IsMessage || ContentTypes.IsDittoProtocol(contentType))
        {
            return ditto.MapOutgoing(message);
        }

        var (featureId, direction) = MessagePath(message.Path);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [DirectionHeader] = direction,
            [ThingIdHeader] = $"{message.Topic.Namespace}:{message.Topic.EntityName}",
            [SubjectHeader] = message.Topic.Subject!,
            [ContentTypeHeader] = contentType,
        };
        if (message.Status is { } status)
        {
            headers[StatusHeader] = status.ToString(CultureInfo.InvariantCulture);
        }

        if (featureId is not null)
        {
            headers[FeatureIdHeader] = featureId;
        }

        return message.Value switch
        {
            null => [new OutboundExternalMessage { Headers = headers, ContentType = contentType }],
            var value when ContentTypes.IsTextOrJson(contentType) =>
                [new OutboundExternalMessage { Headers = headers, ContentType = contentType, TextPayload = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString() }],
            var value => [new OutboundExternalMessage { Headers = headers, ContentType = contentType, BytePayload = Base64Payload(value, contentType) }],
        };
    }

    private static string Required(Dictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new MessageMappingException($"The RawMessage mapper could not resolve the message header '{name}' of an incoming message; set it or define it in the option 'incomingMessageHeaders'.");

    private static DittoTopic Topic(string ns, string name, string subject)
    {
        try
        {
            return DittoTopic.Parse($"{ns}/{name}/things/live/messages/{subject}");
        }
        catch (DittoProtocolException e)
        {
            throw new MessageMappingException($"The RawMessage mapper cannot build a live message with the subject '{subject}': {e.Message}", e);
        }
    }

    private static int Status(string status) =>
        int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599
            ? code
            : throw new MessageMappingException($"The RawMessage mapper resolved the invalid status '{status}' (expected an HTTP status code).");

    /// <summary>The payload as the live message's value: parsed JSON, a string for text, base64 for binary content types.</summary>
    private static JsonNode? IncomingValue(ExternalMessage message, string contentType)
    {
        if (!ContentTypes.IsTextOrJson(contentType))
        {
            var bytes = message.BytePayload ?? (message.TextPayload is { } text ? Encoding.UTF8.GetBytes(text) : null);
            return bytes is { } payload ? JsonValue.Create(Convert.ToBase64String(payload.Span)) : null;
        }

        if (message.PayloadAsText() is not { } textPayload)
        {
            return null;
        }

        if (!ContentTypes.IsJson(contentType))
        {
            return JsonValue.Create(textPayload);
        }

        try
        {
            return JsonNode.Parse(textPayload);
        }
        catch (JsonException e)
        {
            throw new MessageMappingException($"The payload of the message with content-type '{contentType}' is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The feature id (if any) and direction (<c>TO</c> for the inbox, <c>FROM</c> for the outbox) of a live message path.</summary>
    private static (string? FeatureId, string Direction) MessagePath(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (featureId, box) = segments is ["features", var feature, var featureBox, ..] ? (feature, featureBox) : (null, segments.FirstOrDefault());
        return box switch
        {
            "inbox" => (featureId, "TO"),
            "outbox" => (featureId, "FROM"),
            _ => throw new MessageMappingException($"The live message path '{path}' names no direction (inbox or outbox)."),
        };
    }

    private static byte[] Base64Payload(JsonNode value, string contentType)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            var buffer = new byte[(text.Length / 4 * 3) + 3];
            if (Convert.TryFromBase64String(text, buffer, out var written))
            {
                return buffer[..written];
            }
        }

        throw new MessageMappingException($"Expect payload of a message of content-type <{contentType}> to be a base64 encoded string.");
    }
}
