using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectivity.Model.Rql;

/// <summary>Comparison of a field's JSON value with an RQL literal, with Ditto's semantics (see <see cref="RqlNode"/>).</summary>
internal static class RqlValues
{
    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private enum Kind
    {
        String,
        Number,
        Boolean,
        Null,
        Unsupported,
    }

    /// <summary>eq: null equals null; otherwise both must be comparable and compare equal.</summary>
    public static bool AreEqual(JsonNode? field, RqlLiteral literal)
    {
        var (kind, _) = Scalar(field);
        return kind == Kind.Null && literal.Kind == RqlLiteralKind.Null || Compare(field, literal) == 0;
    }

    /// <summary>The sign of field minus literal, or null when they do not compare (null, object, array).</summary>
    public static int? Compare(JsonNode? field, RqlLiteral literal)
    {
        var (fieldKind, fieldText) = Scalar(field);
        var literalKind = literal.Kind switch
        {
            RqlLiteralKind.String => Kind.String,
            RqlLiteralKind.Number => Kind.Number,
            RqlLiteralKind.Boolean => Kind.Boolean,
            _ => Kind.Null,
        };
        if (fieldKind is Kind.Null or Kind.Unsupported || literalKind == Kind.Null)
        {
            return null;
        }

        var literalText = literal.Text;
        if ((fieldKind, literalKind) is (Kind.Number, Kind.Number)
            || (fieldKind, literalKind) is (Kind.Number, Kind.String) && IsNumeric(literalText)
            || (fieldKind, literalKind) is (Kind.String, Kind.Number) && IsNumeric(fieldText))
        {
            return CompareNumbers(fieldText, literalText);
        }

        // Same type: natural order (ordinal strings, false < true); different types: by their texts, as Ditto does.
        return Math.Sign(string.CompareOrdinal(fieldText, literalText));
    }

    /// <summary>like/ilike: the field must be a string matching the whole pattern.</summary>
    public static bool IsLike(JsonNode? field, RqlLiteral pattern, bool ignoreCase)
    {
        var (kind, text) = Scalar(field);
        return kind == Kind.String && pattern.Kind != RqlLiteralKind.Null && Wildcard.Matches(text, pattern.Text, ignoreCase);
    }

    private static (Kind Kind, string Text) Scalar(JsonNode? node)
    {
        if (node is null)
        {
            return (Kind.Null, "null");
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.String => (Kind.String, node.GetValue<string>()),
            JsonValueKind.Number => (Kind.Number, node.ToJsonString()),
            JsonValueKind.True => (Kind.Boolean, "true"),
            JsonValueKind.False => (Kind.Boolean, "false"),
            JsonValueKind.Null => (Kind.Null, "null"),
            _ => (Kind.Unsupported, string.Empty),
        };
    }

    private static bool IsNumeric(string text) =>
        text.Length > 0
        && text.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '.' or 'e' or 'E')
        && double.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var d)
        && double.IsFinite(d);

    private static int CompareNumbers(string left, string right)
    {
        if (decimal.TryParse(left, NumberStyle, CultureInfo.InvariantCulture, out var l)
            && decimal.TryParse(right, NumberStyle, CultureInfo.InvariantCulture, out var r))
        {
            return l.CompareTo(r);
        }

        // Beyond decimal's range: doubles are exact enough to order such magnitudes.
        return double.Parse(left, NumberStyle, CultureInfo.InvariantCulture)
            .CompareTo(double.Parse(right, NumberStyle, CultureInfo.InvariantCulture));
    }
}
