using Connectivity.Model.Errors;
using Connectivity.Model.Rql;
using Xunit;

namespace Connectivity.Model.Tests.Rql;

public class RqlParserTests
{
    [Theory]
    [InlineData("eq(attributes/location/city,\"Berlin\")")]
    [InlineData("ne(value/temp,21.5)")]
    [InlineData("gt(value/temp,-20)")]
    [InlineData("ge(thingId,\"org.acme:d1\")")]
    [InlineData("lt(header:correlation-id,\"x\")")]
    [InlineData("le(_revision,0)")]
    [InlineData("like(topic:action,\"mod*fied?\")")]
    [InlineData("ilike(resource:path,\"/ATTRIBUTES/*\")")]
    [InlineData("in(attributes/a,1,\"two\",true,false,null)")]
    [InlineData("exists(features/f/properties/p)")]
    [InlineData("and(eq(a,1),or(eq(b,2),not(exists(c))))")]
    [InlineData("or(eq(a,\"quote\\\" backslash\\\\ tab\\t newline\\n\"))")]
    [InlineData("eq(a,\"\\u0001\")")]
    [InlineData("eq(field\\u002cwith\\u0028odd\\u0029chars,1)")]
    public void Parse_should_round_trip_canonical_text(string text)
    {
        var node = RqlParser.Parse(text);

        Assert.Equal(text, node.ToString());
        Assert.Equal(node, RqlParser.Parse(node.ToString()));
    }

    [Theory]
    [InlineData(" and ( eq ( a , 1 ) ,\n\tne( b ,'x' ) ) ", "and(eq(a,1),ne(b,\"x\"))")]
    [InlineData("eq(a,'it\\'s \"quoted\"')", "eq(a,\"it's \\\"quoted\\\"\")")]
    [InlineData("eq(a,\"\\/\\b\\f\\r\\u00e9\")", "eq(a,\"/\\b\\f\\r\u00e9\")")]
    [InlineData("eq(a,+5)", "eq(a,5)")]
    [InlineData("eq(a,-0.25)", "eq(a,-0.25)")]
    [InlineData("eq(attributes/my attr,1)", "eq(attributes/my attr,1)")]
    [InlineData("eq(it's,1)", "eq(it's,1)")]
    [InlineData("eq(a\\\\b,1)", "eq(a\\\\b,1)")]
    [InlineData("eq(\\u0020a,1)", "eq(\\u0020a,1)")]
    public void Parse_should_normalize_whitespace_quotes_and_signs(string text, string canonical)
    {
        Assert.Equal(canonical, RqlParser.Parse(text).ToString());
    }

    [Fact]
    public void Parse_should_build_the_expected_tree()
    {
        var node = RqlParser.Parse("and(gt(value/temp,20),in(header:qos,'0',1),not(exists(attributes/x)),like(topic:subject,'tele*'))");

        var expected = new RqlAnd(
        [
            new RqlComparison(RqlOperator.Gt, "value/temp", new RqlLiteral(RqlLiteralKind.Number, "20")),
            new RqlIn("header:qos", [RqlLiteral.String("0"), RqlLiteral.Number(1)]),
            new RqlNot(new RqlExists("attributes/x")),
            new RqlComparison(RqlOperator.Like, "topic:subject", RqlLiteral.String("tele*")),
        ]);
        Assert.Equal(expected, node);
    }

    [Fact]
    public void Parse_should_read_field_names_with_prefixes_and_slashes()
    {
        var node = Assert.IsType<RqlOr>(RqlParser.Parse("or(exists(attributes/location/city),exists(topic:action),exists(header:correlation-id),exists(resource:path),exists(thingId))"));

        Assert.Equal(
            ["attributes/location/city", "topic:action", "header:correlation-id", "resource:path", "thingId"],
            node.Operands.Select(o => Assert.IsType<RqlExists>(o).Field));
    }

    [Fact]
    public void Parse_should_accept_nesting_up_to_the_limit()
    {
        var depth = RqlParser.MaxDepth - 1;
        var text = string.Concat(Enumerable.Repeat("not(", depth)) + "exists(a)" + new string(')', depth);

        Assert.Equal(text, RqlParser.Parse(text).ToString());
    }

    [Theory]
    [InlineData("", "The RQL expression is empty.")]
    [InlineData("   ", "The RQL expression is empty.")]
    [InlineData("eq(a,1", "At position 7: unexpected end of the expression: expected ')' to close 'eq(' from position 1.")]
    [InlineData("and(eq(a,1),eq(b,2)", "At position 20: unexpected end of the expression: expected ')' to close 'and(' from position 1.")]
    [InlineData("eq(a,1))", "At position 8: unexpected ')' after the end of the expression.")]
    [InlineData("eq(a,1)and(b)", "At position 8: unexpected 'and(b)' after the end of the expression.")]
    [InlineData("eq(a,1) x", "At position 9: unexpected 'x' after the end of the expression.")]
    [InlineData("(a)", "At position 1: expected an operator (eq, ne, gt, ge, lt, le, in, like, ilike, exists, and, or, not) but found '('.")]
    [InlineData("foo(a,1)", "At position 1: unknown operator 'foo'; expected one of eq, ne, gt, ge, lt, le, in, like, ilike, exists, and, or, not.")]
    [InlineData("and(eq(a,1),EQ(b,1))", "At position 13: unknown operator 'EQ'; expected one of eq, ne, gt, ge, lt, le, in, like, ilike, exists, and, or, not.")]
    [InlineData("eq a,1", "At position 4: expected '(' after 'eq' but found 'a'.")]
    [InlineData("eq(a)", "At position 5: expected ',' after the field of 'eq' but found ')'.")]
    [InlineData("eq(a,)", "At position 6: missing value.")]
    [InlineData("eq(,1)", "At position 4: missing field name.")]
    [InlineData("exists()", "At position 8: missing field name.")]
    [InlineData("eq(\"a\",1)", "At position 4: expected a field name (e.g. attributes/a) but found a string.")]
    [InlineData("eq(a,abc)", "At position 6: invalid value 'abc': expected a string in quotes, a number, true, false or null.")]
    [InlineData("eq(a,1.)", "At position 6: invalid number '1.' (expected digits with an optional sign and decimal part).")]
    [InlineData("eq(a,1e3)", "At position 6: invalid number '1e3' (expected digits with an optional sign and decimal part).")]
    [InlineData("eq(a,--1)", "At position 6: invalid number '--1' (expected digits with an optional sign and decimal part).")]
    [InlineData("eq(a,\"x)", "At position 6: unterminated string (no closing \").")]
    [InlineData("eq(a,'x)", "At position 6: unterminated string (no closing ').")]
    [InlineData("eq(a,\"\\x\")", "At position 7: invalid escape sequence '\\x' (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX).")]
    [InlineData("eq(a,'\\\"')", "At position 7: invalid escape sequence '\\\"' (allowed: \\' \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX).")]
    [InlineData("eq(a,\"\\u12\")", "At position 7: invalid escape sequence: '\\u' needs four hex digits.")]
    [InlineData("eq(a\\q,1)", "At position 5: invalid escape sequence '\\q' (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX).")]
    [InlineData("eq(a,\"x\" \"y\")", "At position 10: expected ')' to close 'eq(' from position 1 but found '\"'.")]
    [InlineData("in(a)", "At position 5: 'in' needs at least one value after the field.")]
    [InlineData("in(a,)", "At position 6: missing value.")]
    [InlineData("and()", "At position 5: 'and' needs at least one query.")]
    [InlineData("or(eq(a,1),)", "At position 12: missing query: expected an operator (eq, ne, gt, ge, lt, le, in, like, ilike, exists, and, or, not).")]
    [InlineData("not(eq(a,1),eq(b,1))", "At position 12: expected ')' to close 'not(' from position 1 but found ','.")]
    [InlineData("like(a,null)", "At position 8: 'like' needs a pattern, not null.")]
    [InlineData("exists(a,1)", "At position 9: expected ')' to close 'exists(' from position 1 but found ','.")]
    public void Parse_should_throw_rql_invalid_naming_problem_and_position_when_malformed(string text, string problem)
    {
        var error = Assert.Throws<DittoRuntimeException>(() => RqlParser.Parse(text));

        Assert.Equal("rql.expression.invalid", error.ErrorCode);
        Assert.Equal(400, error.Status);
        Assert.Equal($"The RQL expression '{text}' is invalid.", error.Message);
        Assert.Equal(problem, error.Description);
    }

    [Fact]
    public void Parse_should_reject_nesting_beyond_the_limit_without_exhausting_the_stack()
    {
        var text = string.Concat(Enumerable.Repeat("not(", 100_000)) + "exists(a)" + new string(')', 100_000);

        var error = Assert.Throws<DittoRuntimeException>(() => RqlParser.Parse(text));

        Assert.Equal($"At position {(4 * RqlParser.MaxDepth) + 1}: the expression is nested deeper than {RqlParser.MaxDepth} levels.", error.Description);
    }
}
