namespace Connectivity.Model.Placeholders;

/// <summary>A parsed template: literal text and <c>{{ ... }}</c> pipelines in order.</summary>
internal sealed record ParsedTemplate(IReadOnlyList<TemplatePart> Parts)
{
    public IEnumerable<PlaceholderPipeline> Pipelines => Parts.OfType<PipelinePart>().Select(p => p.Pipeline);
}

internal abstract record TemplatePart;

internal sealed record LiteralPart(string Text) : TemplatePart;

internal sealed record PipelinePart(PlaceholderPipeline Pipeline) : TemplatePart;

/// <summary>
/// One expression inside braces, e.g. <c>header:x | fn:default('y') | fn:upper()</c>: an optional leading placeholder
/// (absent when the pipeline starts with a function) and the functions applied in order.
/// </summary>
internal sealed record PlaceholderPipeline(string Text, PlaceholderReference? Input, IReadOnlyList<FunctionCall> Functions)
{
    /// <summary>Every placeholder the pipeline reads, including those in function arguments.</summary>
    public IEnumerable<PlaceholderReference> References =>
        (Input is null ? [] : new[] { Input }).Concat(Functions.SelectMany(f => f.Arguments).Select(a => a.Placeholder).OfType<PlaceholderReference>());
}

internal sealed record PlaceholderReference(string Prefix, string Name)
{
    public override string ToString() => Prefix + ":" + Name;
}

internal sealed record FunctionCall(string Name, IReadOnlyList<FunctionArgument> Arguments)
{
    public override string ToString() => $"fn:{Name}({string.Join(",", Arguments)})";
}

/// <summary>A function argument: a quoted constant or a placeholder.</summary>
internal sealed record FunctionArgument(string? Constant, PlaceholderReference? Placeholder)
{
    public override string ToString() => Placeholder?.ToString() ?? "'" + Constant + "'";
}
