using System.Text;
using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Mapping;

/// <summary>Payload helpers shared by the mappers: text in the content type's charset, Ditto Protocol in and out.</summary>
internal static class MappingPayloads
{
    /// <summary>The payload as text, bytes decoded in the <c>charset</c> of the content type (UTF-8 by default).</summary>
    public static string? Text(ExternalMessage message)
    {
        if (message.TextPayload is { } text)
        {
            return text;
        }

        return message.BytePayload is { } bytes ? Charset(message.ContentType).GetString(bytes.Span) : null;
    }

    /// <summary>Reads the payload as a Ditto Protocol message; throws <see cref="MessageMappingException"/> if it is not one.</summary>
    public static DittoProtocolMessage ParseDittoProtocol(ExternalMessage message)
    {
        var text = Text(message);
        if (string.IsNullOrEmpty(text))
        {
            throw new MessageMappingException(
                $"The message with content-type '{message.ContentType}' has no payload; a Ditto Protocol message was expected.");
        }

        return ParseDittoProtocol(text);
    }

    /// <summary>Reads Ditto Protocol JSON text; throws <see cref="MessageMappingException"/> with the reason if it is not.</summary>
    public static DittoProtocolMessage ParseDittoProtocol(string text)
    {
        try
        {
            return DittoProtocolMessage.Parse(text);
        }
        catch (DittoProtocolException e)
        {
            throw new MessageMappingException(e.Message, e);
        }
    }

    /// <summary>The message as Ditto Protocol JSON text for a target (Ditto's outbound <c>Ditto</c> mapper).</summary>
    public static OutboundExternalMessage ToDittoProtocol(DittoProtocolMessage message)
    {
        var headers = new Dictionary<string, string> { ["content-type"] = DittoProtocolMessage.ContentType };
        if (message.Headers.CorrelationId is { } correlationId)
        {
            headers["correlation-id"] = correlationId;
        }

        return new OutboundExternalMessage
        {
            Headers = headers,
            TextPayload = message.ToJson().ToJsonString(),
            ContentType = DittoProtocolMessage.ContentType,
        };
    }

    /// <summary>The media type of a content type without parameters, lower case (<c>application/json</c>).</summary>
    public static string? MediaType(string? contentType) =>
        contentType is null ? null : contentType.Split(';', 2)[0].Trim().ToLowerInvariant();

    private static Encoding Charset(string? contentType)
    {
        var charset = contentType?.Split(';').Skip(1).Select(p => p.Trim())
            .FirstOrDefault(p => p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))?["charset=".Length..].Trim('"', ' ');
        if (charset is null)
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
