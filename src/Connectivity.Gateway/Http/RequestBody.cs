using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectivity.Model.Errors;
using Microsoft.AspNetCore.Http;

namespace Connectivity.Gateway.Http;

/// <summary>Reads request bodies with the checks Ditto's gateway makes: content type, size and JSON syntax.</summary>
public static class RequestBody
{
    private static readonly string[] JsonMediaTypes = ["application/json"];
    private static readonly string[] TextMediaTypes = ["text/plain"];

    /// <summary>Reads a JSON object body; 415 for a non-JSON content type, 413 when too large, 400 for bad JSON.</summary>
    public static async Task<JsonObject> ReadJsonObjectAsync(HttpRequest request, long maxBytes)
    {
        RequireMediaType(request, JsonMediaTypes, allowJsonSuffix: true);
        var text = await ReadTextAsync(request, maxBytes);
        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw ConnectivityErrors.JsonInvalid("The request body is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw ConnectivityErrors.JsonInvalid($"Failed to parse JSON string '{Truncate(text)}'.", e.Message);
        }
    }

    /// <summary>Reads a <c>text/plain</c> body; 415 for any other content type.</summary>
    public static Task<string> ReadPlainTextAsync(HttpRequest request, long maxBytes)
    {
        RequireMediaType(request, TextMediaTypes, allowJsonSuffix: false);
        return ReadTextAsync(request, maxBytes);
    }

    private static void RequireMediaType(HttpRequest request, string[] allowed, bool allowJsonSuffix)
    {
        var contentType = request.ContentType ?? string.Empty;
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        var ok = allowed.Contains(mediaType) || (allowJsonSuffix && mediaType.EndsWith("+json", StringComparison.Ordinal));
        if (!ok)
        {
            CloseAfterResponse(request);
            throw ConnectivityErrors.MediaTypeUnsupported(contentType.Length == 0 ? "<none>" : contentType, allowed);
        }
    }

    private static async Task<string> ReadTextAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            CloseAfterResponse(request);
            throw GatewayErrors.EntityTooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                CloseAfterResponse(request);
                throw GatewayErrors.EntityTooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw ConnectivityErrors.JsonInvalid("The request body is not valid UTF-8.");
        }
    }

    /// <summary>
    /// The request is refused with its body (partly) unread: the answer says <c>Connection: close</c>, so the client
    /// does not send its next request on a connection the server closes instead of draining a large body.
    /// </summary>
    private static void CloseAfterResponse(HttpRequest request) => request.HttpContext.Response.Headers.Connection = "close";

    private static string Truncate(string text) => text.Length <= 100 ? text : text[..100] + "...";
}
