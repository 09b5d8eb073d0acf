using System.Buffers;
using System.Globalization;
using System.Text;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Rql;

/// <summary>The cursor of <see cref="RqlParser"/>: one method per grammar rule, errors carry the 1-based position.</summary>
internal sealed class RqlReader(string text)
{
    private const string Operators = "eq, ne, gt, ge, lt, le, in, like, ilike, exists, and, or, not";

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    public int Position { get; private set; }

    public bool AtEnd => Position >= text.Length;

    public string Rest => text[Position..].Length > 20 ? text[Position..(Position + 20)] + "..." : text[Position..];

    private char Current => text[Position];

    public Exception Error(string problem, int position) =>
        ConnectivityErrors.RqlExpressionInvalid(text, $"At position {position + 1}: {problem}.");

    public void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            Position++;
        }
    }

    public RqlNode Query(int depth)
    {
        SkipWhitespace();
        var start = Position;
        while (!AtEnd && char.IsAsciiLetter(Current))
        {
            Position++;
        }

        var name = text[start..Position];
        if (name.Length == 0)
        {
            throw AtEnd || Current is ',' or ')'
                ? Error($"missing query: expected an operator ({Operators})", start)
                : Error($"expected an operator ({Operators}) but found '{Current}'", start);
        }

        if (depth >= RqlParser.MaxDepth)
        {
            throw Error($"the expression is nested deeper than {RqlParser.MaxDepth} levels", start);
        }

        var op = name switch
        {
            "eq" => RqlOperator.Eq,
            "ne" => RqlOperator.Ne,
            "gt" => RqlOperator.Gt,
            "ge" => RqlOperator.Ge,
            "lt" => RqlOperator.Lt,
            "le" => RqlOperator.Le,
            "like" => RqlOperator.Like,
            "ilike" => RqlOperator.ILike,
            _ => (RqlOperator?)null,
        };
        if (op is null && name is not ("in" or "exists" or "and" or "or" or "not"))
        {
            throw Error($"unknown operator '{name}'; expected one of {Operators}", start);
        }

        Expect('(', $"after '{name}'");
        RqlNode node = name switch
        {
            "in" => In(),
            "exists" => new RqlExists(Field()),
            "and" => new RqlAnd(Queries(name, depth)),
            "or" => new RqlOr(Queries(name, depth)),
            "not" => new RqlNot(Query(depth + 1)),
            _ => Comparison(op!.Value, name),
        };
        Expect(')', $"to close '{name}(' from position {start + 1}");
        return node;
    }

    private RqlComparison Comparison(RqlOperator op, string name)
    {
        var field = Field();
        Expect(',', $"after the field of '{name}'");
        var position = Position;
        var value = Literal();
        if (op is RqlOperator.Like or RqlOperator.ILike && value.Kind == RqlLiteralKind.Null)
        {
            throw Error($"'{name}' needs a pattern, not null", position);
        }

        return new RqlComparison(op, field, value);
    }

    private RqlIn In()
    {
        var field = Field();
        var values = new List<RqlLiteral>();
        SkipWhitespace();
        if (AtEnd || Current != ',')
        {
            throw Error("'in' needs at least one value after the field", Position);
        }

        while (!AtEnd && Current == ',')
        {
            Position++;
            values.Add(Literal());
            SkipWhitespace();
        }

        return new RqlIn(field, values);
    }

    private List<RqlNode> Queries(string name, int depth)
    {
        SkipWhitespace();
        if (!AtEnd && Current == ')')
        {
            throw Error($"'{name}' needs at least one query", Position);
        }

        var queries = new List<RqlNode> { Query(depth + 1) };
        SkipWhitespace();
        while (!AtEnd && Current == ',')
        {
            Position++;
            queries.Add(Query(depth + 1));
            SkipWhitespace();
        }

        return queries;
    }

    private void Expect(char expected, string context)
    {
        SkipWhitespace();
        if (AtEnd)
        {
            throw Error($"unexpected end of the expression: expected '{expected}' {context}", Position);
        }

        if (Current != expected)
        {
            throw Error($"expected '{expected}' {context} but found '{Current}'", Position);
        }

        Position++;
    }

    private string Field()
    {
        SkipWhitespace();
        var start = Position;
        var builder = new StringBuilder();
        var trimmedLength = 0;
        while (!AtEnd && Current is not (',' or '(' or ')' or '"'))
        {
            if (Current == '\\')
            {
                builder.Append(Escape('"'));
                trimmedLength = builder.Length;
                continue;
            }

            builder.Append(Current);
            if (!char.IsWhiteSpace(Current))
            {
                trimmedLength = builder.Length;
            }

            Position++;
        }

        if (trimmedLength == 0)
        {
            throw AtEnd || Current != '"'
                ? Error("missing field name", start)
                : Error("expected a field name (e.g. attributes/a) but found a string", start);
        }

        return builder.ToString(0, trimmedLength);
    }

    private RqlLiteral Literal()
    {
        SkipWhitespace();
        var start = Position;
        if (AtEnd || Current is ',' or ')')
        {
            throw Error("missing value", start);
        }

        if (Current is '"' or '\'')
        {
            return RqlLiteral.String(QuotedString());
        }

        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '.' or '+' or '-'))
        {
            Position++;
        }

        var token = text[start..Position];
        return token switch
        {
            "true" => RqlLiteral.True,
            "false" => RqlLiteral.False,
            "null" => RqlLiteral.Null,
            _ when IsNumber(token) => new RqlLiteral(RqlLiteralKind.Number, token.TrimStart('+')),
            "" => throw Error($"expected a value (a string in quotes, a number, true, false or null) but found '{Current}'", start),
            _ when token[0] is (>= '0' and <= '9') or '+' or '-' or '.' => throw Error($"invalid number '{token}' (expected digits with an optional sign and decimal part)", start),
            _ => throw Error($"invalid value '{token}': expected a string in quotes, a number, true, false or null", start),
        };
    }

    private string QuotedString()
    {
        var quote = Current;
        var start = Position++;
        var builder = new StringBuilder();
        while (!AtEnd && Current != quote)
        {
            if (Current == '\\')
            {
                builder.Append(Escape(quote));
            }
            else
            {
                builder.Append(Current);
                Position++;
            }
        }

        if (AtEnd)
        {
            throw Error($"unterminated string (no closing {quote})", start);
        }

        Position++;
        return builder.ToString();
    }

    /// <summary>Reads a backslash escape at the current position; within a string, its quote may be escaped.</summary>
    private char Escape(char quote)
    {
        var start = Position++;
        if (AtEnd)
        {
            throw Error("unfinished escape sequence '\\'", start);
        }

        var c = text[Position++];
        switch (c)
        {
            case '\\' or '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u' when Position + 4 <= text.Length
                && ushort.TryParse(text.AsSpan(Position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                Position += 4;
                return (char)code;
            case 'u':
                throw Error("invalid escape sequence: '\\u' needs four hex digits", start);
            default:
                if (c == quote)
                {
                    return c;
                }

                throw Error($"invalid escape sequence '\\{c}' (allowed: \\{quote} \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", start);
        }
    }

    private static bool IsNumber(string token)
    {
        var digits = token.AsSpan(token.Length > 0 && token[0] is '+' or '-' ? 1 : 0);
        var dot = digits.IndexOf('.');
        var whole = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? "0" : digits[(dot + 1)..];
        return whole.Length > 0 && fraction.Length > 0
            && !whole.ContainsAnyExcept(Digits) && !fraction.ContainsAnyExcept(Digits);
    }
}
