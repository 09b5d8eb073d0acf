using System.Text.Json;
using System.Text.Json.Nodes;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Mapping.JavaScript;

/// <summary>
/// Reads what a mapping function returned, as described by <c>sandbox.js</c> (<c>{"kind": typeof, "value": result}</c>):
/// an object or an array of objects; anything else is garbage and a <see cref="MessageMappingException"/>.
/// </summary>
internal static class JavaScriptResults
{
    public static IReadOnlyList<JsonObject> Read(string? described, string script, MappingSettings settings)
    {
        if (described is null)
        {
            return [];
        }

        JsonNode? node;
        try
        {
            // The description adds two levels (wrapper object, array of results) above the messages.
            node = JsonNode.Parse(described, documentOptions: new JsonDocumentOptions { MaxDepth = settings.MaxJsonNestingDepth + 2 });
        }
        catch (JsonException e)
        {
            throw new MessageMappingException($"The {script} returned a message nested deeper than {settings.MaxJsonNestingDepth} levels.", e);
        }

        var kind = node?["kind"]?.GetValue<string>();
        var value = node?["value"];
        return (kind, value) switch
        {
            ("object", JsonObject single) => [single],
            ("array", JsonArray many) => [.. many.Select((element, i) => element as JsonObject ?? throw Garbage(script, $"an array whose element {i} is {Describe(element)}"))],
            _ => throw Garbage(script, Describe(value, kind)),
        };
    }

    /// <summary>An external message from an outgoing result <c>{headers, textPayload, bytePayload, contentType}</c>.</summary>
    public static OutboundExternalMessage ToExternalMessage(JsonObject result)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        switch (result["headers"])
        {
            case null:
                break;
            case JsonObject given:
                foreach (var (name, value) in given)
                {
                    if (value is not null)
                    {
                        headers[name] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();
                    }
                }

                break;
            default:
                throw new MessageMappingException("The outgoingScript returned a message whose <headers> is not an object.");
        }

        var contentType = result["contentType"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            _ => throw new MessageMappingException("The outgoingScript returned a message whose <contentType> is not a string."),
        };
        if (contentType is not null)
        {
            headers["content-type"] = contentType;
        }

        return result["bytePayload"] switch
        {
            JsonArray bytes => new OutboundExternalMessage { Headers = headers, BytePayload = Bytes(bytes), ContentType = contentType },
            null => result["textPayload"] switch
            {
                JsonValue v when v.TryGetValue<string>(out var text) => new OutboundExternalMessage { Headers = headers, TextPayload = text, ContentType = contentType },
                null => throw new MessageMappingException("Neither <bytePayload> nor <textPayload> were defined in the outgoingScript."),
                _ => throw new MessageMappingException("The outgoingScript returned a message whose <textPayload> is not a string."),
            },
            _ => throw new MessageMappingException("The outgoingScript returned a message whose <bytePayload> is not an array of numbers."),
        };
    }

    private static byte[] Bytes(JsonArray array)
    {
        var bytes = new byte[array.Count];
        for (var i = 0; i < bytes.Length; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue<double>(out var number) || double.IsNaN(number) || double.IsInfinity(number))
            {
                throw new MessageMappingException($"The outgoingScript returned a <bytePayload> whose element {i} is not a number.");
            }

            bytes[i] = unchecked((byte)(long)number);
        }

        return bytes;
    }

    private static MessageMappingException Garbage(string script, string what)
    {
        var expected = script == "incomingScript"
            ? "a Ditto Protocol message (an object), an array of them, null or undefined"
            : "an external message (an object), an array of them, null or undefined";
        return new MessageMappingException($"The {script} returned {what}; expected {expected}.");
    }

    private static string Describe(JsonNode? value, string? kind = null) => value switch
    {
        null when kind is "function" => "a function",
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"the string {v.ToJsonString()}",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => $"the number {v.ToJsonString()}",
        JsonValue v => $"the {kind ?? "value"} {v.ToJsonString()}",
        JsonArray => "an array",
        _ => "an object",
    };
}
