using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Mapping;

/// <summary>
/// The <c>CloudEvents</c> engine (spec §7.1, Ditto's <c>CloudEventsMapper</c>), CloudEvents 1.0 carrying Ditto Protocol
/// messages. Inbound, a structured event (<c>application/cloudevents+json</c> with <c>specversion</c>, <c>id</c>,
/// <c>source</c> and <c>type</c>) carries the message in <c>data</c> or base64 in <c>data_base64</c>; a binary event
/// has the Ditto Protocol content type, the headers <c>ce-id</c>, <c>ce-source</c>, <c>ce-type</c> and
/// <c>ce-specversion</c> and the message as payload. Messages of other content types are dropped. Outbound, every
/// signal becomes a structured event of type <c>org.eclipse.ditto.outbound</c> from source <c>org.eclipse.ditto</c>
/// with a random id.
/// </summary>
public sealed class CloudEventsMessageMapper(string id) : IMessageMapper
{
    /// <summary>The engine alias.</summary>
    public const string Alias = "CloudEvents";

    /// <summary>Content type of structured CloudEvents in JSON.</summary>
    public const string StructuredContentType = "application/cloudevents+json";

    private static readonly string[] BinaryHeaders = ["ce-id", "ce-source", "ce-type", "ce-specversion"];

    private static readonly string[] StructuredAttributes = ["specversion", "type", "id", "source"];

    public string Id { get; } = id;

    public bool MapsIncoming => true;

    public bool MapsOutgoing => true;

    public IReadOnlyList<DittoProtocolMessage> MapIncoming(ExternalMessage message)
    {
        var mediaType = MappingPayloads.MediaType(message.ContentType);
        if (mediaType == DittoProtocolMessage.ContentType)
        {
            var missing = BinaryHeaders.Where(h => !message.Headers.ContainsKey(h)).ToList();
            return missing.Count == 0
                ? [MappingPayloads.ParseDittoProtocol(message)]
                : throw new MessageMappingException(
                    $"The message with content-type '{message.ContentType}' is not a binary CloudEvent: it lacks the headers {string.Join(", ", missing)}.");
        }

        return mediaType == StructuredContentType ? [FromStructured(message)] : [];
    }

    public IReadOnlyList<OutboundExternalMessage> MapOutgoing(DittoProtocolMessage message)
    {
        var cloudEvent = new JsonObject
        {
            ["data"] = message.ToJson(),
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = "org.eclipse.ditto",
            ["type"] = "org.eclipse.ditto.outbound",
        };
        return
        [
            new OutboundExternalMessage
            {
                Headers = new Dictionary<string, string> { ["content-type"] = StructuredContentType },
                TextPayload = cloudEvent.ToJsonString(),
                ContentType = StructuredContentType,
            },
        ];
    }

    private static DittoProtocolMessage FromStructured(ExternalMessage message)
    {
        JsonObject? cloudEvent;
        try
        {
            cloudEvent = JsonNode.Parse(MappingPayloads.Text(message) ?? string.Empty) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new MessageMappingException($"The structured CloudEvent is not valid JSON: {e.Message}", e);
        }

        if (cloudEvent is null)
        {
            throw new MessageMappingException("The structured CloudEvent is not a JSON object.");
        }

        var missing = StructuredAttributes.Where(a => cloudEvent[a] is null).ToList();
        if (missing.Count > 0)
        {
            throw new MessageMappingException($"The message is not a structured CloudEvent: it lacks the attributes {string.Join(", ", missing)}.");
        }

        return (cloudEvent["data_base64"], cloudEvent["data"]) switch
        {
            (JsonValue base64, _) when base64.TryGetValue<string>(out var text) => MappingPayloads.ParseDittoProtocol(Decode(text)),
            (null, JsonObject data) => FromJson(data),
            (null, null) => throw new MessageMappingException("The CloudEvent has neither 'data' nor 'data_base64'; a Ditto Protocol message was expected."),
            _ => throw new MessageMappingException("The CloudEvent's 'data' is not a Ditto Protocol message (an object) or its 'data_base64' is not a string."),
        };
    }

    private static DittoProtocolMessage FromJson(JsonObject data)
    {
        try
        {
            return DittoProtocolMessage.FromJson(data);
        }
        catch (DittoProtocolException e)
        {
            throw new MessageMappingException(e.Message, e);
        }
    }

    private static string Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException e)
        {
            throw new MessageMappingException("The CloudEvent's 'data_base64' is not valid base64.", e);
        }
    }
}
