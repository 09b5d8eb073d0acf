using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Connectivity.Service.Mapping;

/// <summary>
/// Ditto's thing id syntax, <c>namespace:name</c>: the namespace is dot-separated words starting with a letter, the
/// name has no slash and no control characters. An empty namespace, which Ditto allows, has no Ditto Protocol topic
/// here and is refused.
/// </summary>
internal static partial class ThingIds
{
    public static bool TryParse(string? thingId, [NotNullWhen(true)] out string? ns, [NotNullWhen(true)] out string? name)
    {
        var match = thingId is null ? Match.Empty : Pattern().Match(thingId);
        ns = match.Success ? match.Groups["ns"].Value : null;
        name = match.Success ? match.Groups["name"].Value : null;
        return match.Success;
    }

    [GeneratedRegex(@"^(?<ns>[a-zA-Z]\w*(?:\.[a-zA-Z]\w*)*):(?<name>[^\x00-\x1F\x7F-\xFF/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
