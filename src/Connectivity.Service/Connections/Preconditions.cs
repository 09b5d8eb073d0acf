using Connectivity.Model.Errors;
using Connectivity.Model.Headers;

namespace Connectivity.Service.Connections;

/// <summary>
/// Ditto's conditional headers on a connection's ETag <c>"rev:N"</c>: <c>If-Match</c> fails with 412 unless it
/// matches (<c>*</c> matches any existing connection); <c>If-None-Match</c> that matches fails with 304 on a
/// retrieve and 412 on a change.
/// </summary>
public static class Preconditions
{
    public const string IfMatch = "if-match";
    public const string IfNoneMatch = "if-none-match";

    /// <summary>Throws when a conditional header rules the command out; <paramref name="etag"/> is null when no connection exists.</summary>
    public static void Check(DittoHeaders headers, string? etag, bool isRetrieve)
    {
        if (headers.TryGetValue(IfMatch, out var ifMatch) && !Matches(ifMatch, etag))
        {
            throw ConnectivityErrors.PreconditionFailed(IfMatch, ifMatch);
        }

        if (headers.TryGetValue(IfNoneMatch, out var ifNoneMatch) && Matches(ifNoneMatch, etag))
        {
            throw isRetrieve
                ? ConnectivityErrors.PreconditionNotModified(ifNoneMatch, etag!)
                : ConnectivityErrors.PreconditionFailed(IfNoneMatch, ifNoneMatch);
        }
    }

    private static bool Matches(string header, string? etag) =>
        etag is not null && header.Split(',').Select(t => t.Trim()).Any(t => t == "*" || Normalize(t) == Normalize(etag));

    private static string Normalize(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
