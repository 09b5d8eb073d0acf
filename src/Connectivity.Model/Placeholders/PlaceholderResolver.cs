using System.Text;

namespace Connectivity.Model.Placeholders;

/// <summary>
/// Resolves placeholder templates (spec §7.3) such as <c>out/{{ thing:name }}</c> or
/// <c>{{ header:x | fn:default('y') | fn:upper() }}</c> against an <see cref="IPlaceholderSource"/>, and evaluates
/// mapping conditions and acknowledgement filters such as <c>fn:filter(header:x,'eq','true')</c>.
/// </summary>
public static class PlaceholderResolver
{
    private const int MaxVariants = 100;

    /// <summary>
    /// Resolves every <c>{{ ... }}</c> in <paramref name="template"/>. Deleted if any pipeline ends in <c>fn:delete()</c>;
    /// otherwise unresolved if any placeholder has no value, is unknown to the source, is filtered away, or the template
    /// is invalid (the reason says which). Placeholders with several values yield several variants.
    /// </summary>
    public static PlaceholderResult Resolve(string template, IPlaceholderSource source)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(source);
        if (!PlaceholderParser.TryParseCached(template, out var parsed, out var problem))
        {
            return PlaceholderResult.Unresolved($"invalid placeholder template '{template}': {problem}");
        }

        // One text while every part has one value (the common case); the variants only once a part has several.
        var single = new StringBuilder();
        List<string>? variants = null;
        PlaceholderResult? unresolved = null;
        foreach (var part in parsed.Parts)
        {
            IReadOnlyList<string> values;
            if (part is LiteralPart literal)
            {
                if (variants is null)
                {
                    single.Append(literal.Text);
                    continue;
                }

                values = [literal.Text];
            }
            else
            {
                var pipeline = ((PipelinePart)part).Pipeline;
                var element = Evaluate(pipeline, source);
                if (element.IsDeleted)
                {
                    return element;
                }

                if (element.IsUnresolved)
                {
                    unresolved ??= PlaceholderResult.Unresolved($"'{{{{ {pipeline.Text} }}}}': {element.Reason}");
                    continue;
                }

                values = element.Values;
            }

            if (variants is null && values.Count == 1)
            {
                single.Append(values[0]);
                continue;
            }

            variants ??= [single.ToString()];
            variants = variants.SelectMany(prefix => values.Select(v => prefix + v)).Take(MaxVariants).ToList();
        }

        return unresolved ?? PlaceholderResult.Resolved(variants ?? [single.ToString()]);
    }

    /// <summary>
    /// Whether a mapping condition or acknowledgement filter holds. A bare pipeline (<c>fn:filter(header:x,'eq','true')</c>)
    /// is evaluated as Ditto does, as <c>{{ fn:default('true') | condition }}</c>; a template with braces is resolved as is.
    /// The condition holds when the result is resolved and not the text <c>false</c>; invalid conditions do not hold.
    /// </summary>
    public static bool EvaluateCondition(string condition, IPlaceholderSource source) =>
        EvaluateConditionResult(condition, source) is { IsResolved: true } result
        && !result.Values.Any(v => string.Equals(v.Trim(), "false", StringComparison.OrdinalIgnoreCase));

    /// <summary>The resolution behind <see cref="EvaluateCondition"/>, whose <see cref="PlaceholderResult.Reason"/> says why a condition does not hold.</summary>
    public static PlaceholderResult EvaluateConditionResult(string condition, IPlaceholderSource source)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Resolve(AsConditionTemplate(condition), source);
    }

    /// <summary>Null if <paramref name="template"/> is a valid placeholder template, otherwise what is wrong with it.</summary>
    public static string? Validate(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (!PlaceholderParser.TryParse(template, out var parsed, out var problem))
        {
            return problem;
        }

        return parsed.Pipelines.SelectMany(p => p.References).FirstOrDefault(r => !SignalPlaceholders.Supports(r.Prefix, r.Name)) is { } unknown
            ? $"unknown placeholder '{unknown}'"
            : null;
    }

    /// <summary>Null if <paramref name="condition"/> is a valid mapping condition or acknowledgement filter, otherwise what is wrong with it.</summary>
    public static string? ValidateCondition(string condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return condition.Trim().Length == 0 ? "the condition is empty" : Validate(AsConditionTemplate(condition));
    }

    private static string AsConditionTemplate(string condition)
    {
        var trimmed = condition.Trim();
        return trimmed.Contains("{{", StringComparison.Ordinal) ? trimmed : "{{ fn:default('true') | " + trimmed + " }}";
    }

    private static PlaceholderResult Evaluate(PlaceholderPipeline pipeline, IPlaceholderSource source)
    {
        var element = pipeline.Input is { } input ? Lookup(input, source) : PlaceholderResult.Unresolved("the pipeline starts without a value");
        foreach (var function in pipeline.Functions)
        {
            element = PipelineFunctions.Apply(function, element, reference => Lookup(reference, source));
        }

        return element;
    }

    private static PlaceholderResult Lookup(PlaceholderReference reference, IPlaceholderSource source)
    {
        if (!source.TryResolveAll(reference.Prefix, reference.Name, out var values))
        {
            return PlaceholderResult.Unresolved($"unknown placeholder '{reference}'");
        }

        return PlaceholderResult.Resolved(values, $"'{reference}' has no value");
    }
}
