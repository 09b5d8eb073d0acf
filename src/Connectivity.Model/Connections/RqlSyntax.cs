using Connectivity.Model.Errors;

namespace Connectivity.Model.Connections;

/// <summary>
/// A shallow syntax check of RQL filters (<c>eq(attributes/a,1)</c>): non-blank, of the form
/// <c>op(...)</c>, parentheses balanced outside quoted strings. The filter text is stored verbatim.
/// </summary>
internal static class RqlSyntax
{
    /// <summary>Throws <c>rql.expression.invalid</c> for an obviously malformed <paramref name="filter"/>.</summary>
    public static void Check(string filter)
    {
        var problem = FindProblem(filter.Trim());
        if (problem is not null)
        {
            throw ConnectivityErrors.RqlExpressionInvalid(filter, problem);
        }
    }

    private static string? FindProblem(string filter)
    {
        if (filter.Length == 0)
        {
            return "The RQL expression must not be empty.";
        }

        var open = filter.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !filter[..open].All(char.IsAsciiLetter) || !filter.EndsWith(')'))
        {
            return "An RQL expression has the form op(arguments), e.g. eq(attributes/x,1).";
        }

        var depth = 0;
        char? quote = null;
        for (var i = 0; i < filter.Length; i++)
        {
            var c = filter[i];
            if (quote is not null)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    if (depth < 0 || (depth == 0 && i != filter.Length - 1))
                    {
                        return "The parentheses of the RQL expression are not balanced.";
                    }

                    break;
            }
        }

        return quote is not null ? "The RQL expression contains an unterminated string."
            : depth != 0 ? "The parentheses of the RQL expression are not balanced."
            : null;
    }
}
