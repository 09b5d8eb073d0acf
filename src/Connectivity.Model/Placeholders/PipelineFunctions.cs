using System.Text;
using System.Text.RegularExpressions;

namespace Connectivity.Model.Placeholders;

/// <summary>
/// The function library of placeholder pipelines (spec §7.3), with Ditto's semantics: each function receives the
/// previous stage's result (resolved values, unresolved or deleted) and returns the next one.
/// </summary>
internal static class PipelineFunctions
{
    private static readonly string[] FilterOperators = ["eq", "ne", "exists", "like"];

    /// <summary>What Java's <c>String.trim()</c> removes: every character up to and including the space.</summary>
    private static readonly char[] JavaWhitespace = Enumerable.Range(0, 33).Select(c => (char)c).ToArray();

    public static IReadOnlyDictionary<string, FunctionSignature> Signatures { get; } = new Dictionary<string, FunctionSignature>(StringComparer.Ordinal)
    {
        ["filter"] = new(2, 3, true, CheckFilterOperator),
        ["default"] = new(1, 1, true),
        ["substring-before"] = new(1, 1, false),
        ["substring-after"] = new(1, 1, false),
        ["lower"] = new(0, 0, false),
        ["upper"] = new(0, 0, false),
        ["trim"] = new(0, 0, false),
        ["url-encode"] = new(0, 0, false),
        ["url-decode"] = new(0, 0, false),
        ["base64-encode"] = new(0, 0, false),
        ["base64-decode"] = new(0, 0, false),
        ["delete"] = new(0, 0, false),
        ["replace"] = new(2, 2, false),
        ["split"] = new(1, 1, false),
        ["join"] = new(1, 1, false),
        ["format"] = new(1, 1, false, args => FormatFunction.Check(args[0].Constant!)),
    };

    /// <summary>Applies <paramref name="call"/> to <paramref name="input"/>; placeholders in arguments resolve through <paramref name="resolve"/>.</summary>
    public static PlaceholderResult Apply(FunctionCall call, PlaceholderResult input, Func<PlaceholderReference, PlaceholderResult> resolve)
    {
        var args = call.Arguments;
        return call.Name switch
        {
            "filter" => Filter(input, args, resolve),
            "default" => input.IsUnresolved ? Argument(args[0], resolve) : input,
            "substring-before" => MapOrDrop(input, v => v.IndexOf(args[0].Constant!, StringComparison.Ordinal) is var i and >= 0 ? v[..i] : null, $"does not contain '{args[0].Constant}'"),
            "substring-after" => MapOrDrop(input, v => v.IndexOf(args[0].Constant!, StringComparison.Ordinal) is var i and >= 0 ? v[(i + args[0].Constant!.Length)..] : null, $"does not contain '{args[0].Constant}'"),
            "lower" => Map(input, v => v.ToLowerInvariant()),
            "upper" => Map(input, v => v.ToUpperInvariant()),
            "trim" => Map(input, v => v.Trim(JavaWhitespace)),
            "url-encode" => Map(input, JavaUrlCoding.Encode),
            "url-decode" => MapOrDrop(input, JavaUrlCoding.TryDecode, "is not URL-encoded"),
            "base64-encode" => Map(input, v => Convert.ToBase64String(Encoding.UTF8.GetBytes(v))),
            "base64-decode" => MapOrDrop(input, Base64Decode, "is not Base64"),
            "delete" => PlaceholderResult.Deleted,
            "replace" => Map(input, v => JavaReplace(v, args[0].Constant!, args[1].Constant!)),
            "split" => input.IsResolved ? PlaceholderResult.Resolved(input.Values.SelectMany(v => v.Split(args[0].Constant!)).ToList()) : input,
            "join" => input.IsResolved ? PlaceholderResult.Resolved(string.Join(args[0].Constant!, input.Values)) : PlaceholderResult.Unresolved($"fn:join has nothing to join ({input.Reason})"),
            "format" => FormatFunction.Apply(input, args[0].Constant!),
            _ => throw new InvalidOperationException($"fn:{call.Name} is not implemented"),
        };
    }

    private static PlaceholderResult Filter(PlaceholderResult input, IReadOnlyList<FunctionArgument> args, Func<PlaceholderReference, PlaceholderResult> resolve)
    {
        if (!input.IsResolved)
        {
            return input;
        }

        var value = Argument(args[0], resolve).Text ?? string.Empty;
        var op = Argument(args[1], resolve).Text;
        var compared = args.Count > 2 ? Argument(args[2], resolve).Text ?? string.Empty : null;
        var keep = (op, compared) switch
        {
            ("eq", { } c) => value == c,
            ("ne", { } c) => value != c,
            ("exists", null) => value.Length > 0,
            ("exists", { } c) => string.Equals(c, "true", StringComparison.OrdinalIgnoreCase) == (value.Length > 0),
            ("like", { } c) => Like(value, c),
            _ => false,
        };
        return keep ? input : PlaceholderResult.Unresolved($"filtered out by fn:filter('{value}','{op}'{(compared is null ? string.Empty : $",'{compared}'")})");
    }

    /// <summary>RQL <c>like</c> as Ditto's placeholder filter: <c>*</c> any characters, <c>?</c> one, <c>|</c> alternatives.</summary>
    private static bool Like(string value, string pattern)
    {
        var regex = string.Join("|", pattern.Split('|').Select(alternative =>
            string.Concat(alternative.Select(c => c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) }))));
        return Regex.IsMatch(value, "^(?:" + regex + ")$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string? CheckFilterOperator(IReadOnlyList<FunctionArgument> args) =>
        args[1].Constant is { } op && !FilterOperators.Contains(op, StringComparer.Ordinal)
            ? $"unknown fn:filter operator '{op}' (expected {string.Join(", ", FilterOperators)})"
            : null;

    private static PlaceholderResult Argument(FunctionArgument argument, Func<PlaceholderReference, PlaceholderResult> resolve) =>
        argument.Placeholder is { } reference ? resolve(reference) : PlaceholderResult.Resolved(argument.Constant!);

    private static PlaceholderResult Map(PlaceholderResult input, Func<string, string> map) =>
        input.IsResolved ? PlaceholderResult.Resolved(input.Values.Select(map).ToList()) : input;

    private static PlaceholderResult MapOrDrop(PlaceholderResult input, Func<string, string?> map, string whyDropped)
    {
        if (!input.IsResolved)
        {
            return input;
        }

        var mapped = input.Values.Select(map).OfType<string>().ToList();
        return PlaceholderResult.Resolved(mapped, $"the value {whyDropped}");
    }

    private static string? Base64Decode(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }

    /// <summary>Java's <c>String.replace</c>: every literal occurrence; an empty target inserts between all characters.</summary>
    private static string JavaReplace(string value, string from, string to) =>
        from.Length > 0 ? value.Replace(from, to, StringComparison.Ordinal) : to + string.Join(to, value.Select(c => c.ToString())) + (value.Length > 0 ? to : string.Empty);
}

/// <summary>Arity and argument kinds of a pipeline function, with an optional extra check of constant arguments.</summary>
internal sealed record FunctionSignature(int MinArguments, int MaxArguments, bool AllowsPlaceholders, Func<IReadOnlyList<FunctionArgument>, string?>? Check = null)
{
    public string Describe() => (MinArguments, MaxArguments) switch
    {
        (0, 0) => "no arguments",
        var (min, max) when min == max => $"{min} argument{(min == 1 ? string.Empty : "s")}",
        var (min, max) => $"{min} to {max} arguments",
    };
}
