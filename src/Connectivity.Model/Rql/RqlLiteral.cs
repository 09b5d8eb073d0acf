using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Connectivity.Model.Rql;

/// <summary>
/// A value in an RQL expression: a string (<see cref="Text"/> is its unescaped content), a number
/// (<see cref="Text"/> is its digits as written, without a leading <c>+</c>), <c>true</c>/<c>false</c> or <c>null</c>.
/// </summary>
public sealed record RqlLiteral(RqlLiteralKind Kind, string Text)
{
    public static RqlLiteral Null { get; } = new(RqlLiteralKind.Null, "null");

    public static RqlLiteral True { get; } = new(RqlLiteralKind.Boolean, "true");

    public static RqlLiteral False { get; } = new(RqlLiteralKind.Boolean, "false");

    public static RqlLiteral String(string value) => new(RqlLiteralKind.String, value);

    public static RqlLiteral Number(decimal value) => new(RqlLiteralKind.Number, value.ToString(CultureInfo.InvariantCulture));

    public static RqlLiteral Boolean(bool value) => value ? True : False;

    /// <summary>The literal as a JSON value (null for <c>null</c>).</summary>
    public JsonNode? ToJson() => Kind switch
    {
        RqlLiteralKind.String => JsonValue.Create(Text),
        RqlLiteralKind.Number => JsonNode.Parse(Text),
        RqlLiteralKind.Boolean => JsonValue.Create(Text == "true"),
        _ => null,
    };

    /// <summary>The literal in RQL syntax: strings in double quotes with backslash escapes.</summary>
    public override string ToString() => Kind == RqlLiteralKind.String ? Quote(Text) : Text;

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\b' => builder.Append("\\b"),
                '\f' => builder.Append("\\f"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
