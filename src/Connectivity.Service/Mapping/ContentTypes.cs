using System.Text.RegularExpressions;
using Connectivity.Model.Protocol;

namespace Connectivity.Service.Mapping;

/// <summary>
/// How Ditto treats a payload by its content type (Ditto's <c>ContentType</c>): text (<c>text/*</c>,
/// <c>application/javascript</c>, <c>...+ecmascript</c>), JSON (<c>application/json</c>, <c>application/...+json</c>) or
/// binary (anything else); compared by media type, parameters ignored.
/// </summary>
internal static partial class ContentTypes
{
    public static bool IsDittoProtocol(string? contentType) => MappingPayloads.MediaType(contentType) == DittoProtocolMessage.ContentType;

    public static bool IsJson(string contentType) => MappingPayloads.MediaType(contentType) is { } media && JsonPattern().IsMatch(media);

    /// <summary>Whether the payload is text or JSON (Ditto's <c>shouldBeInterpretedAsTextOrJson</c>), as opposed to binary.</summary>
    public static bool IsTextOrJson(string contentType) =>
        MappingPayloads.MediaType(contentType) is { } media && (TextPattern().IsMatch(media) || JsonPattern().IsMatch(media));

    [GeneratedRegex(@"^(text/.*|application/((vnd\.)?.+\+)?(javascript|ecmascript))$", RegexOptions.CultureInvariant)]
    private static partial Regex TextPattern();

    [GeneratedRegex(@"^application/((vnd\.)?.+\+)?json$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonPattern();
}
