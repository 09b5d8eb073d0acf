using System.Text.RegularExpressions;

namespace Connectivity.Model.Validation;

/// <summary>
/// Syntax of placeholder templates (spec §7.3): <c>{{ prefix:name | fn:... }}</c> with balanced braces and a
/// known prefix. Resolution happens at runtime elsewhere.
/// </summary>
internal static partial class PlaceholderTemplate
{
    private static readonly HashSet<string> KnownPrefixes = new(StringComparer.Ordinal)
    {
        "thing", "entity", "policy", "feature", "thing-json", "connection", "header", "topic", "resource", "request", "time", "source",
    };

    /// <summary>The expressions inside <c>{{ }}</c>, trimmed; null if the braces are unbalanced.</summary>
    public static IReadOnlyList<string>? Expressions(string template)
    {
        var expressions = new List<string>();
        var rest = template;
        while (true)
        {
            var open = rest.IndexOf("{{", StringComparison.Ordinal);
            var close = rest.IndexOf("}}", StringComparison.Ordinal);
            if (open < 0)
            {
                return close < 0 ? expressions : null;
            }

            var end = rest.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < open || end < 0 || rest.IndexOf("{{", open + 2, StringComparison.Ordinal) is var next && next >= 0 && next < end)
            {
                return null;
            }

            expressions.Add(rest[(open + 2)..end].Trim());
            rest = rest[(end + 2)..];
        }
    }

    /// <summary>Whether every placeholder of <paramref name="template"/> is well-formed with a known prefix.</summary>
    public static bool IsValid(string template) =>
        Expressions(template) is { } expressions
        && expressions.All(e => PlaceholderRegex().Match(e) is { Success: true } m && KnownPrefixes.Contains(m.Groups["prefix"].Value));

    /// <summary>Whether the template uses a placeholder with the given prefix, e.g. <c>header</c>.</summary>
    public static bool Uses(string template, string prefix) =>
        Expressions(template)?.Any(e => e.StartsWith(prefix + ":", StringComparison.Ordinal)) ?? false;

    [GeneratedRegex(@"^(?<prefix>[a-z\-]+):[^\s|]+\s*(\|\s*fn:[a-z\-]+\(.*\)\s*)*$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex PlaceholderRegex();
}
