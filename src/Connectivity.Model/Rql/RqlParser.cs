using Connectivity.Model.Errors;

namespace Connectivity.Model.Rql;

/// <summary>
/// A recursive-descent parser of Ditto's RQL predicates:
/// <code>
/// query      = op "(" field "," literal ")"          op: eq ne gt ge lt le like ilike
///            | "in(" field ("," literal)+ ")" | "exists(" field ")"
///            | ("and" | "or") "(" query ("," query)* ")" | "not(" query ")"
/// literal    = string | number | "true" | "false" | "null"
/// string     = '"' chars '"' | "'" chars "'"          escapes \" \' \\ \/ \b \f \n \r \t \uXXXX
/// number     = ["+"|"-"] digits ["." digits]
/// field      = chars other than , ( ) " (backslash escapes as in strings), e.g. attributes/a, header:x
/// </code>
/// Whitespace is allowed around tokens. Anything else throws <c>rql.expression.invalid</c> whose description
/// names the problem and its 1-based position.
/// </summary>
public static class RqlParser
{
    /// <summary>How deep and/or/not may nest (a guard against stack exhaustion from hostile filters).</summary>
    public const int MaxDepth = 100;

    /// <summary>Parses <paramref name="text"/>; throws <c>rql.expression.invalid</c> (400) when it is not valid RQL.</summary>
    public static RqlNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ConnectivityErrors.RqlExpressionInvalid(text, "The RQL expression is empty.");
        }

        var reader = new RqlReader(text);
        var node = reader.Query(0);
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            throw reader.Error($"unexpected '{reader.Rest}' after the end of the expression", reader.Position);
        }

        return node;
    }
}
