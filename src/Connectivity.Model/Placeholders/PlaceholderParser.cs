using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Connectivity.Model.Placeholders;

/// <summary>
/// Parses placeholder templates (spec §7.3): <c>{{ prefix:name | fn:f(args) | ... }}</c>, whitespace inside the braces
/// optional, quotes (<c>'...'</c>, <c>"..."</c>, with <c>\'</c>/<c>\"</c> escapes) protect <c>|</c>, <c>,</c>, <c>)</c> and
/// braces. A <c>}}</c> outside a placeholder, an unclosed or nested <c>{{</c>, an unknown function, a wrong number of
/// arguments or more than <see cref="MaxFunctions"/> functions make the template invalid.
/// </summary>
internal static partial class PlaceholderParser
{
    public const int MaxFunctions = 10;

    /// <summary>How many distinct templates <see cref="TryParseCached"/> keeps parsed.</summary>
    public const int CacheCapacity = 4_096;

    private static readonly ConcurrentDictionary<string, (ParsedTemplate? Parsed, string? Problem)> Cache = new(StringComparer.Ordinal);
    private static int cached;

    /// <summary>
    /// <see cref="TryParse"/> through a cache: a connection resolves the same few templates (addresses, header
    /// mappings, conditions) for every message. The first <see cref="CacheCapacity"/> distinct templates are kept.
    /// </summary>
    public static bool TryParseCached(string template, [NotNullWhen(true)] out ParsedTemplate? parsed, [NotNullWhen(false)] out string? problem)
    {
        if (!Cache.TryGetValue(template, out var entry))
        {
            entry = TryParse(template, out var fresh, out var freshProblem) ? (fresh, null) : (null, freshProblem);
            if (Volatile.Read(ref cached) < CacheCapacity && Cache.TryAdd(template, entry))
            {
                Interlocked.Increment(ref cached);
            }
        }

        (parsed, problem) = (entry.Parsed, entry.Parsed is null ? entry.Problem ?? "invalid template" : null);
        return parsed is not null;
    }

    public static bool TryParse(string template, [NotNullWhen(true)] out ParsedTemplate? parsed, [NotNullWhen(false)] out string? problem)
    {
        parsed = null;
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            if (At(template, i, "{{"))
            {
                if (!TryFindClose(template, i + 2, out var close, out problem))
                {
                    return false;
                }

                if (!TryParsePipeline(template[(i + 2)..close].Trim(), out var pipeline, out problem))
                {
                    return false;
                }

                if (literal.Length > 0)
                {
                    parts.Add(new LiteralPart(literal.ToString()));
                    literal.Clear();
                }

                parts.Add(new PipelinePart(pipeline));
                i = close + 2;
            }
            else if (At(template, i, "}}"))
            {
                problem = $"'}}}}' at position {i} closes no placeholder";
                return false;
            }
            else
            {
                literal.Append(template[i++]);
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(new LiteralPart(literal.ToString()));
        }

        parsed = new ParsedTemplate(parts);
        problem = null;
        return true;
    }

    /// <summary>Parses the inside of one pair of braces.</summary>
    public static bool TryParsePipeline(string expression, [NotNullWhen(true)] out PlaceholderPipeline? pipeline, [NotNullWhen(false)] out string? problem)
    {
        pipeline = null;
        if (!TrySplitOutsideQuotes(expression, '|', out var stages, out problem))
        {
            return false;
        }

        if (stages.Any(s => s.Trim().Length == 0))
        {
            problem = $"empty stage in '{expression}'";
            return false;
        }

        if (stages.Count > MaxFunctions + 1)
        {
            problem = $"'{expression}' chains more than {MaxFunctions} functions";
            return false;
        }

        PlaceholderReference? input = null;
        var first = stages[0].Trim();
        var functionStages = stages.Select(s => s.Trim()).ToList();
        if (!first.StartsWith("fn:", StringComparison.Ordinal))
        {
            if (!TryParseReference(first, out input))
            {
                problem = $"'{first}' is not a placeholder of the form prefix:name";
                return false;
            }

            functionStages.RemoveAt(0);
        }

        var functions = new List<FunctionCall>();
        foreach (var stage in functionStages)
        {
            if (!TryParseFunction(stage, out var function, out problem))
            {
                return false;
            }

            functions.Add(function);
        }

        if (functions.Count > MaxFunctions)
        {
            problem = $"'{expression}' chains more than {MaxFunctions} functions";
            return false;
        }

        pipeline = new PlaceholderPipeline(expression, input, functions);
        problem = null;
        return true;
    }

    private static bool TryParseReference(string text, [NotNullWhen(true)] out PlaceholderReference? reference)
    {
        var match = ReferenceRegex().Match(text);
        reference = match.Success ? new PlaceholderReference(match.Groups["prefix"].Value, match.Groups["name"].Value) : null;
        return reference is not null;
    }

    private static bool TryParseFunction(string stage, [NotNullWhen(true)] out FunctionCall? function, [NotNullWhen(false)] out string? problem)
    {
        function = null;
        var match = FunctionRegex().Match(stage);
        if (!match.Success)
        {
            problem = $"'{stage}' is not a function of the form fn:name(arguments)";
            return false;
        }

        var name = match.Groups["name"].Value;
        if (!PipelineFunctions.Signatures.TryGetValue(name, out var signature))
        {
            problem = $"unknown function 'fn:{name}'";
            return false;
        }

        if (!TryParseArguments(match.Groups["args"].Value, out var arguments, out problem))
        {
            problem = $"invalid arguments of 'fn:{name}': {problem}";
            return false;
        }

        if (arguments.Count < signature.MinArguments || arguments.Count > signature.MaxArguments)
        {
            problem = $"'fn:{name}' takes {signature.Describe()}, but got {arguments.Count}";
            return false;
        }

        if (!signature.AllowsPlaceholders && arguments.FirstOrDefault(a => a.Placeholder is not null) is { } placeholder)
        {
            problem = $"'fn:{name}' takes quoted constants only, but got the placeholder '{placeholder}'";
            return false;
        }

        function = new FunctionCall(name, arguments);
        problem = signature.Check?.Invoke(arguments);
        return problem is null;
    }

    private static bool TryParseArguments(string text, out List<FunctionArgument> arguments, [NotNullWhen(false)] out string? problem)
    {
        arguments = [];
        if (text.Trim().Length == 0)
        {
            problem = null;
            return true;
        }

        if (!TrySplitOutsideQuotes(text, ',', out var pieces, out problem))
        {
            return false;
        }

        foreach (var raw in pieces)
        {
            var piece = raw.Trim();
            if (piece.Length >= 2 && piece[0] is '\'' or '"' && piece[^1] == piece[0] && IsSingleQuoted(piece))
            {
                var quote = piece[0];
                arguments.Add(new FunctionArgument(piece[1..^1].Replace("\\" + quote, quote.ToString(), StringComparison.Ordinal), null));
            }
            else if (TryParseReference(piece, out var reference) && !reference.Name.Contains(')', StringComparison.Ordinal))
            {
                arguments.Add(new FunctionArgument(null, reference));
            }
            else
            {
                problem = $"'{piece}' is neither a quoted string nor a placeholder";
                return false;
            }
        }

        problem = null;
        return true;
    }

    /// <summary>Whether a quoted piece is one string: its opening quote is closed exactly at its end.</summary>
    private static bool IsSingleQuoted(string piece)
    {
        var quote = piece[0];
        for (var i = 1; i < piece.Length; i++)
        {
            if (piece[i] == '\\' && i + 1 < piece.Length && piece[i + 1] == quote)
            {
                i++;
            }
            else if (piece[i] == quote)
            {
                return i == piece.Length - 1;
            }
        }

        return false;
    }

    private static bool TrySplitOutsideQuotes(string text, char separator, out List<string> pieces, [NotNullWhen(false)] out string? problem)
    {
        pieces = [];
        var start = 0;
        int index;
        while ((index = NextOutsideQuotes(text, start, (t, i) => t[i] == separator, out var unclosedQuote)) >= 0 || unclosedQuote)
        {
            if (index < 0)
            {
                problem = $"unclosed quote in '{text}'";
                return false;
            }

            pieces.Add(text[start..index]);
            start = index + 1;
        }

        pieces.Add(text[start..]);
        problem = null;
        return true;
    }

    /// <summary>Finds the <c>}}</c> closing a placeholder opened before <paramref name="from"/>, skipping quoted text.</summary>
    private static bool TryFindClose(string template, int from, out int close, [NotNullWhen(false)] out string? problem)
    {
        close = NextOutsideQuotes(template, from, (t, i) => At(t, i, "{{") || At(t, i, "}}"), out var unclosedQuote);
        problem = close switch
        {
            < 0 when unclosedQuote => $"unclosed quote in the placeholder at position {from - 2}",
            < 0 => $"'{{{{' at position {from - 2} is not closed",
            _ when At(template, close, "{{") => $"'{{{{' at position {close} inside another placeholder",
            _ => null,
        };
        return problem is null;
    }

    /// <summary>
    /// The first index from <paramref name="from"/> outside quotes where <paramref name="match"/> holds, or -1
    /// (<paramref name="unclosedQuote"/> tells whether the text ended inside a quote).
    /// </summary>
    private static int NextOutsideQuotes(string text, int from, Func<string, int, bool> match, out bool unclosedQuote)
    {
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == '\\' && i + 1 < text.Length && text[i + 1] == q)
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (match(text, i))
            {
                unclosedQuote = false;
                return i;
            }
        }

        unclosedQuote = quote is not null;
        return -1;
    }

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    [GeneratedRegex(@"^(?<prefix>[a-z][a-z0-9\-]*):(?<name>[^\s|]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceRegex();

    [GeneratedRegex(@"^fn:(?<name>[a-z0-9\-]+)\s*\((?<args>.*)\)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex FunctionRegex();
}
