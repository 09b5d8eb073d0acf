using System.Collections.Frozen;
using Connectivity.Service.Messaging;

namespace Connectivity.Messaging.Http;

/// <summary>
/// Builds the HTTP request of one published message (spec §8.4): the target address <c>METHOD:/path?query</c> is
/// appended to the URI's base path; the headers <c>http.path</c> (the whole request path) and <c>http.query</c> (the
/// query string) override it and are not sent; every other header becomes an HTTP header, except the internal
/// <c>ditto-*</c> ones (spec §7.3) and those the HTTP stack owns (<c>content-length</c>, <c>host</c>, hop-by-hop). The
/// body is the payload with the message's content type, unless the method is listed in <c>omitRequestBody</c>.
/// </summary>
internal static class HttpPushRequests
{
    private static readonly FrozenSet<string> Methods = FrozenSet.Create(StringComparer.Ordinal, "GET", "POST", "PUT", "PATCH", "DELETE");

    private static readonly FrozenSet<string> Unsendable = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        HttpPushPublisher.PathHeader,
        HttpPushPublisher.QueryHeader,
        "content-type",
        "content-length",
        "host",
        "connection",
        "keep-alive",
        "proxy-connection",
        "transfer-encoding",
        "te",
        "trailer",
        "upgrade",
        "expect");

    /// <summary>The request for <paramref name="request"/>; throws <see cref="FormatException"/> naming what is invalid.</summary>
    public static HttpRequestMessage Create(PublishRequest request, string baseUri, HttpPushSpecificConfig config)
    {
        var (method, pathAndQuery) = ParseAddress(request.Address);
        var uri = Uri.TryCreate(baseUri + pathAndQuery, UriKind.Absolute, out var parsed)
            ? parsed
            : throw new FormatException($"'{request.Address}' does not make a valid request URI.");
        var message = request.Message;
        uri = Override(uri, message.Headers.GetValueOrDefault(HttpPushPublisher.PathHeader), message.Headers.GetValueOrDefault(HttpPushPublisher.QueryHeader));
        var http = new HttpRequestMessage(new HttpMethod(method), uri);
        var hasPayload = message.TextPayload is not null || message.BytePayload is not null;
        if (hasPayload && !config.OmitRequestBody.Contains(method))
        {
            http.Content = new ReadOnlyMemoryContent(message.PayloadAsBytes());
            var contentType = message.ContentType
                ?? message.Headers.GetValueOrDefault("content-type")
                ?? (message.TextPayload is not null ? "text/plain; charset=UTF-8" : "application/octet-stream");
            http.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var (name, value) in message.Headers)
        {
            if (Unsendable.Contains(name) || name.StartsWith("ditto-", StringComparison.OrdinalIgnoreCase) || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                continue;
            }

            // A name HttpClient refuses (invalid, or a content header without a body) is skipped, not fatal.
            if (!http.Headers.TryAddWithoutValidation(name, value))
            {
                http.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return http;
    }

    /// <summary><c>POST:/ingest?x=1</c> ⇒ (<c>POST</c>, <c>/ingest?x=1</c>); a path without leading slash gets one.</summary>
    private static (string Method, string PathAndQuery) ParseAddress(string address)
    {
        var colon = address.IndexOf(':', StringComparison.Ordinal);
        var method = colon > 0 ? address[..colon].ToUpperInvariant() : string.Empty;
        if (!Methods.Contains(method))
        {
            throw new FormatException($"The target address '{address}' is not of the form <VERB>:<path> with VERB one of GET, POST, PUT, PATCH, DELETE.");
        }

        var path = address[(colon + 1)..];
        return (method, path.StartsWith('/') || path.StartsWith('?') || path.StartsWith('#') ? path : "/" + path);
    }

    private static Uri Override(Uri uri, string? path, string? query)
    {
        if (path is null && query is null)
        {
            return uri;
        }

        var builder = new UriBuilder(uri);
        if (path is not null)
        {
            builder.Path = path.StartsWith('/') ? path : "/" + path;
        }

        if (query is not null)
        {
            builder.Query = query.StartsWith('?') ? query[1..] : query;
        }

        return builder.Uri;
    }
}
