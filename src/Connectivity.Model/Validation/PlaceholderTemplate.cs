using Connectivity.Model.Placeholders;

namespace Connectivity.Model.Validation;

/// <summary>
/// Syntax checks of placeholder templates (spec §7.3) for connection validation, on top of the placeholder parser
/// that <see cref="PlaceholderResolver"/> resolves with at runtime.
/// </summary>
internal static class PlaceholderTemplate
{
    /// <summary>The expressions inside <c>{{ }}</c>, trimmed; null if the template does not parse (e.g. unbalanced braces).</summary>
    public static IReadOnlyList<string>? Expressions(string template) =>
        PlaceholderParser.TryParse(template, out var parsed, out _) ? parsed.Pipelines.Select(p => p.Text).ToList() : null;

    /// <summary>Whether every placeholder of <paramref name="template"/> is well-formed, known and uses known functions correctly.</summary>
    public static bool IsValid(string template) => PlaceholderResolver.Validate(template) is null;

    /// <summary>Whether the template uses a placeholder with the given prefix, e.g. <c>header</c>, also as a function argument.</summary>
    public static bool Uses(string template, string prefix) =>
        PlaceholderParser.TryParse(template, out var parsed, out _)
        && parsed.Pipelines.SelectMany(p => p.References).Any(r => r.Prefix == prefix);
}
