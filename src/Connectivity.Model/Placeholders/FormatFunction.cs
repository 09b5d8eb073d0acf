using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectivity.Model.Placeholders;

/// <summary>
/// <c>fn:format('template')</c> as Ditto: every input value is read as a JSON object and formatted with single-brace
/// references: <c>{field}</c>, <c>{/json/pointer}</c>, sections <c>{#array}...{/array}</c> iterating an array
/// (<c>{.}</c> is the current element), <c>\{</c> and <c>\}</c> for literal braces. Arrays of primitives outside a
/// section expand into several results; missing or null fields become empty text; inputs that are not JSON objects
/// are skipped.
/// </summary>
internal static class FormatFunction
{
    private const int MaxResults = 1000;

    public static string? Check(string template) => TryParse(template, out _, out var problem) ? null : $"invalid fn:format template: {problem}";

    public static PlaceholderResult Apply(PlaceholderResult input, string template)
    {
        if (!input.IsResolved)
        {
            return input;
        }

        if (!TryParse(template, out var parts, out var problem))
        {
            return PlaceholderResult.Unresolved($"invalid fn:format template: {problem}");
        }

        var results = new List<string>();
        foreach (var value in input.Values)
        {
            if (TryParseObject(value) is { } json)
            {
                results.AddRange(Format(json, parts));
            }
        }

        return PlaceholderResult.Resolved(results.Count > 0 ? results : [string.Empty]);
    }

    private static JsonObject? TryParseObject(string value)
    {
        try
        {
            return JsonNode.Parse(value) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<string> Format(JsonNode? context, IReadOnlyList<Part> parts)
    {
        List<string> results = [string.Empty];
        foreach (var part in parts)
        {
            var values = part switch
            {
                Literal literal => [literal.Text],
                Field field => ResolveField(context, field.Reference),
                Section section => ResolveSection(context, section),
                _ => [string.Empty],
            };
            results = results.SelectMany(prefix => values.Select(v => prefix + v)).Take(MaxResults).ToList();
        }

        return results;
    }

    private static IReadOnlyList<string> ResolveField(JsonNode? context, string reference)
    {
        if (reference == ".")
        {
            return [JsonPointers.ToText(context)];
        }

        if (context is not JsonObject || !TryLookup(context, reference, out var value) || value is null)
        {
            return [string.Empty];
        }

        return value is JsonArray { Count: 0 } ? [string.Empty] : JsonPointers.ToValues(value);
    }

    private static IReadOnlyList<string> ResolveSection(JsonNode? context, Section section)
    {
        if (context is not JsonObject || !TryLookup(context, section.Name, out var value) || value is null)
        {
            return [string.Empty];
        }

        if (value is not JsonArray array)
        {
            return Format(value, section.Parts);
        }

        return array.Count == 0 ? [string.Empty] : array.SelectMany(element => Format(element, section.Parts)).Take(MaxResults).ToList();
    }

    private static bool TryLookup(JsonNode context, string reference, out JsonNode? value)
    {
        if (reference.StartsWith('/'))
        {
            return JsonPointers.TryGet(context, reference, out value);
        }

        value = null;
        return context is JsonObject obj && obj.TryGetPropertyValue(reference, out value);
    }

    private static bool TryParse(string template, out IReadOnlyList<Part> parts, out string? problem)
    {
        var position = 0;
        parts = ParseParts(template, ref position, null, out problem);
        return problem is null;
    }

    private static List<Part> ParseParts(string template, ref int position, string? closing, out string? problem)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        problem = null;
        while (position < template.Length)
        {
            var c = template[position];
            if (c == '\\' && position + 1 < template.Length && template[position + 1] is '{' or '}')
            {
                literal.Append(template[position + 1]);
                position += 2;
                continue;
            }

            if (c != '{')
            {
                literal.Append(c);
                position++;
                continue;
            }

            var end = template.IndexOf('}', position + 1);
            if (end < 0)
            {
                problem = $"'{{' at position {position} is not closed";
                return parts;
            }

            var reference = template[(position + 1)..end];
            position = end + 1;
            if (reference.Length == 0)
            {
                problem = "empty reference '{}'";
                return parts;
            }

            Flush(parts, literal);
            if (reference[0] == '#')
            {
                var inner = ParseParts(template, ref position, reference[1..], out problem);
                if (problem is not null)
                {
                    return parts;
                }

                parts.Add(new Section(reference[1..], inner));
            }
            else if (reference[0] == '/' && !reference[1..].Contains('/', StringComparison.Ordinal))
            {
                if (reference[1..] != closing)
                {
                    problem = $"'{{{reference}}}' closes no open section";
                }

                return parts;
            }
            else
            {
                parts.Add(new Field(reference));
            }
        }

        Flush(parts, literal);
        if (closing is not null)
        {
            problem = $"section '{{#{closing}}}' is not closed";
        }

        return parts;
    }

    private static void Flush(List<Part> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(new Literal(literal.ToString()));
            literal.Clear();
        }
    }

    private abstract record Part;

    private sealed record Literal(string Text) : Part;

    private sealed record Field(string Reference) : Part;

    private sealed record Section(string Name, IReadOnlyList<Part> Parts) : Part;
}
