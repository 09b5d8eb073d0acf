namespace Connectivity.Service.Mapping;

/// <summary>
/// The <c>content-type-blocklist</c> option every mapper has (spec §7.1): a comma list of content types whose
/// messages the mapper does not map inbound, compared by media type (parameters such as <c>charset</c> and case are
/// ignored). <c>Ditto</c> and <c>RawMessage</c> default to <see cref="DittoMessageMapper.DefaultContentTypeBlocklist"/>.
/// </summary>
internal sealed class ContentTypeBlocklist
{
    public const string Option = "content-type-blocklist";

    private readonly HashSet<string> mediaTypes;

    private ContentTypeBlocklist(IEnumerable<string> mediaTypes) => this.mediaTypes = new(mediaTypes, StringComparer.Ordinal);

    public static ContentTypeBlocklist From(MapperOptions options, string engine)
    {
        var fallback = engine is DittoMessageMapper.Alias or RawMessageMapper.Alias ? DittoMessageMapper.DefaultContentTypeBlocklist : string.Empty;
        var list = options.String(Option) ?? fallback;
        return new(list.Split(',').Select(MappingPayloads.MediaType).OfType<string>().Where(m => m.Length > 0));
    }

    /// <summary>Whether a message with <paramref name="contentType"/> is blocked; a message without one never is.</summary>
    public bool Blocks(string? contentType) => MappingPayloads.MediaType(contentType) is { } mediaType && mediaTypes.Contains(mediaType);
}
