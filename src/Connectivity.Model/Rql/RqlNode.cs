using System.Globalization;
using System.Text;
using Connectivity.Model.Connections;

namespace Connectivity.Model.Rql;

/// <summary>
/// A parsed RQL expression (see <see cref="RqlParser"/>). <see cref="ToString"/> gives canonical RQL text that
/// parses back to an equal node. Evaluation semantics (as Ditto's <c>ThingPredicatePredicateVisitor</c>):
/// <list type="bullet">
/// <item>a missing field makes every operator false except <c>ne</c> (true: <c>ne</c> is <c>not(eq)</c>);</item>
/// <item><c>eq(f,null)</c> matches a field that is present with the value null; null never orders (gt/ge/lt/le false);</item>
/// <item>objects and arrays match nothing (only <c>exists</c> and <c>ne</c>);</item>
/// <item>numbers compare numerically (<c>1</c> equals <c>1.0</c>); a number and a string that reads as a number compare
/// numerically too (so <c>eq(header:qos,1)</c> matches the header text <c>"1"</c>); strings compare ordinally;
/// <c>false &lt; true</c>; any other pair of types compares the texts (<c>eq(header:flag,true)</c> matches <c>"true"</c>);</item>
/// <item><c>like</c>/<c>ilike</c> match string fields only, the whole text, <c>*</c> = any sequence, <c>?</c> = one character;
/// <c>ilike</c> ignores case;</item>
/// <item><c>in(f,a,b)</c> is <c>or(eq(f,a),eq(f,b))</c>; <c>exists(f)</c> is true for a present field, even if null.</item>
/// </list>
/// </summary>
public abstract record RqlNode
{
    /// <summary>Whether <paramref name="fields"/> match this expression.</summary>
    public abstract bool Evaluate(IRqlFieldSource fields);

    /// <summary>Canonical RQL text of this expression.</summary>
    public abstract override string ToString();

    private protected static string FormatField(string field)
    {
        var builder = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            var edge = i == 0 || i == field.Length - 1;
            _ = c switch
            {
                '\\' => builder.Append("\\\\"),
                '"' => builder.Append("\\\""),
                ',' or '(' or ')' or < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ when edge && char.IsWhiteSpace(c) => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}

/// <summary><c>eq|ne|gt|ge|lt|le|like|ilike(field,value)</c>.</summary>
public sealed record RqlComparison(RqlOperator Operator, string Field, RqlLiteral Value) : RqlNode
{
    public override bool Evaluate(IRqlFieldSource fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var present = fields.TryGet(Field, out var value);
        return Operator switch
        {
            RqlOperator.Eq => present && RqlValues.AreEqual(value, Value),
            RqlOperator.Ne => !(present && RqlValues.AreEqual(value, Value)),
            RqlOperator.Gt => present && RqlValues.Compare(value, Value) > 0,
            RqlOperator.Ge => present && RqlValues.Compare(value, Value) >= 0,
            RqlOperator.Lt => present && RqlValues.Compare(value, Value) < 0,
            RqlOperator.Le => present && RqlValues.Compare(value, Value) <= 0,
            RqlOperator.Like => present && RqlValues.IsLike(value, Value, ignoreCase: false),
            RqlOperator.ILike => present && RqlValues.IsLike(value, Value, ignoreCase: true),
            _ => false,
        };
    }

    public override string ToString() =>
        $"{Operator.ToString().ToLowerInvariant()}({FormatField(Field)},{Value})";
}

/// <summary><c>in(field,value1,value2,...)</c>: true if the field equals any of the values.</summary>
public sealed record RqlIn(string Field, IReadOnlyList<RqlLiteral> Values) : RqlNode
{
    public IReadOnlyList<RqlLiteral> Values { get; init => field = EquatableList<RqlLiteral>.From(value); } = EquatableList<RqlLiteral>.From(Values);

    public override bool Evaluate(IRqlFieldSource fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.TryGet(Field, out var value) && Values.Any(v => RqlValues.AreEqual(value, v));
    }

    public override string ToString() => $"in({FormatField(Field)},{string.Join(',', Values)})";
}

/// <summary><c>exists(field)</c>: true if the field is present (even with the value null).</summary>
public sealed record RqlExists(string Field) : RqlNode
{
    public override bool Evaluate(IRqlFieldSource fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.TryGet(Field, out _);
    }

    public override string ToString() => $"exists({FormatField(Field)})";
}

/// <summary><c>and(query1,query2,...)</c>: true if every operand is.</summary>
public sealed record RqlAnd(IReadOnlyList<RqlNode> Operands) : RqlNode
{
    public IReadOnlyList<RqlNode> Operands { get; init => field = EquatableList<RqlNode>.From(value); } = EquatableList<RqlNode>.From(Operands);

    public override bool Evaluate(IRqlFieldSource fields) => Operands.All(o => o.Evaluate(fields));

    public override string ToString() => $"and({string.Join(',', Operands)})";
}

/// <summary><c>or(query1,query2,...)</c>: true if any operand is.</summary>
public sealed record RqlOr(IReadOnlyList<RqlNode> Operands) : RqlNode
{
    public IReadOnlyList<RqlNode> Operands { get; init => field = EquatableList<RqlNode>.From(value); } = EquatableList<RqlNode>.From(Operands);

    public override bool Evaluate(IRqlFieldSource fields) => Operands.Any(o => o.Evaluate(fields));

    public override string ToString() => $"or({string.Join(',', Operands)})";
}

/// <summary><c>not(query)</c>.</summary>
public sealed record RqlNot(RqlNode Operand) : RqlNode
{
    public override bool Evaluate(IRqlFieldSource fields) => !Operand.Evaluate(fields);

    public override string ToString() => $"not({Operand})";
}
