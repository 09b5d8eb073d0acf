using Connectivity.Model.Rql;
using Xunit;

namespace Connectivity.Model.Tests.Rql;

public class RqlEvaluationTests
{
    private const string Document = """
        {
          "n": 5, "d": 21.5, "neg": -3, "big": 1e30,
          "s": "hello", "upper": "Hello", "numeric": "21.5", "empty": "",
          "b": true, "f": false, "z": null,
          "o": {"x": 1, "s": "in"}, "arr": [1, 2]
        }
        """;

    [Theory]
    [InlineData("eq(n,5)", true)]
    [InlineData("eq(n,5.0)", true)]
    [InlineData("eq(n,4)", false)]
    [InlineData("ne(n,4)", true)]
    [InlineData("ne(n,5)", false)]
    [InlineData("gt(n,4)", true)]
    [InlineData("gt(n,5)", false)]
    [InlineData("ge(n,5)", true)]
    [InlineData("ge(n,5.5)", false)]
    [InlineData("lt(n,5.5)", true)]
    [InlineData("lt(n,5)", false)]
    [InlineData("le(n,5)", true)]
    [InlineData("le(n,4.99)", false)]
    [InlineData("gt(d,20)", true)]
    [InlineData("gt(d,21.5)", false)]
    [InlineData("lt(neg,-2)", true)]
    [InlineData("gt(neg,-3.5)", true)]
    [InlineData("gt(big,99999999999999999999999999999)", true)]
    [InlineData("lt(n,100000000000000000000000000000000)", true)]
    [InlineData("eq(o/x,1)", true)]
    public void Evaluate_should_compare_numbers_numerically(string filter, bool expected) => AssertEvaluates(filter, expected);

    [Theory]
    [InlineData("eq(s,\"hello\")", true)]
    [InlineData("eq(s,'hello')", true)]
    [InlineData("eq(s,\"Hello\")", false)]
    [InlineData("ne(s,\"Hello\")", true)]
    [InlineData("gt(s,\"hell\")", true)]
    [InlineData("lt(s,\"help\")", true)]
    [InlineData("gt(s,\"Hello\")", true)]
    [InlineData("lt(upper,\"hello\")", true)]
    [InlineData("ge(s,\"hello\")", true)]
    [InlineData("le(s,\"hello\")", true)]
    [InlineData("eq(empty,\"\")", true)]
    [InlineData("eq(o/s,\"in\")", true)]
    public void Evaluate_should_compare_strings_ordinally(string filter, bool expected) => AssertEvaluates(filter, expected);

    [Theory]
    [InlineData("eq(b,true)", true)]
    [InlineData("eq(b,false)", false)]
    [InlineData("ne(f,true)", true)]
    [InlineData("eq(f,false)", true)]
    [InlineData("gt(b,false)", true)]
    [InlineData("lt(f,true)", true)]
    [InlineData("ge(b,true)", true)]
    [InlineData("gt(b,true)", false)]
    public void Evaluate_should_order_false_before_true(string filter, bool expected) => AssertEvaluates(filter, expected);

    [Theory]
    [InlineData("eq(z,null)", true)]
    [InlineData("ne(z,null)", false)]
    [InlineData("eq(n,null)", false)]
    [InlineData("ne(n,null)", true)]
    [InlineData("eq(z,0)", false)]
    [InlineData("eq(z,\"null\")", false)]
    [InlineData("ne(z,0)", true)]
    [InlineData("gt(z,0)", false)]
    [InlineData("ge(z,null)", false)]
    [InlineData("le(z,null)", false)]
    [InlineData("lt(n,null)", false)]
    [InlineData("exists(z)", true)]
    [InlineData("in(z,1,null)", true)]
    [InlineData("like(z,\"*\")", false)]
    public void Evaluate_should_match_null_only_with_eq_null(string filter, bool expected) => AssertEvaluates(filter, expected);

    [Theory]
    [InlineData("eq(missing,1)", false)]
    [InlineData("eq(missing,null)", false)]
    [InlineData("ne(missing,1)", true)]
    [InlineData("ne(missing,null)", true)]
    [InlineData("gt(missing,1)", false)]
    [InlineData("ge(missing,1)", false)]
    [InlineData("lt(missing,1)", false)]
    [InlineData("le(missing,1)", false)]
    [InlineData("like(missing,\"*\")", false)]
    [InlineData("ilike(missing,\"*\")", false)]
    [InlineData("in(missing,1,null)", false)]
    [InlineData("exists(missing)", false)]
    [InlineData("exists(o/missing)", false)]
    [InlineData("exists(s/deeper)", false)]
    [InlineData("not(exists(missing))", true)]
    public void Evaluate_should_be_false_for_missing_fields_except_ne(string filter, bool expected) => AssertEvaluates(filter, expected);

    [Theory]
    [InlineData("eq(n,\"5\")", true)]
    [InlineData("eq(n,\"5.00\")", true)]
    [InlineData("gt(numeric,20)", true)]
    [InlineData("lt(numeric,21.6)", true)]
    [InlineData("eq(numeric,21.50)", true)]
    [InlineData("eq(b,\"true\")", true)]
    [InlineData("eq(s,1)", false)]
    [InlineData("eq(n,\"five\")", false)]
    [InlineData("ne(n,\"five\")", true)]
    [InlineData("eq(b,1)", false)]
    [InlineData("eq(n,true)", false)]
    [InlineData("eq(o,1)", false)]
    [InlineData("ne(o,1)", true)]
    [InlineData("gt(o,0)", false)]
    [InlineData("eq(arr,1)", false)]
    [InlineData("in(arr,1,2)", false)]
    [InlineData("exists(o)", true)]
    [InlineData("exists(arr)", true)]
    public void Evaluate_should_coerce_numeric_strings_and_compare_other_mixed_types_by_text(string filter, bool expected) =>
        AssertEvaluates(filter, expected);

    [Theory]
    [InlineData("like(s,\"hello\")", true)]
    [InlineData("like(s,\"hell\")", false)]
    [InlineData("like(s,\"*\")", true)]
    [InlineData("like(empty,\"*\")", true)]
    [InlineData("like(empty,\"?\")", false)]
    [InlineData("like(s,\"he*\")", true)]
    [InlineData("like(s,\"*lo\")", true)]
    [InlineData("like(s,\"*ll*\")", true)]
    [InlineData("like(s,\"h*l*o\")", true)]
    [InlineData("like(s,\"h**o\")", true)]
    [InlineData("like(s,\"h?llo\")", true)]
    [InlineData("like(s,\"h?lo\")", false)]
    [InlineData("like(s,\"?????\")", true)]
    [InlineData("like(s,\"??????\")", false)]
    [InlineData("like(s,\"*x*\")", false)]
    [InlineData("like(s,\"HELLO\")", false)]
    [InlineData("like(numeric,\"21.5\")", true)]
    [InlineData("like(numeric,\"21x5\")", false)]
    [InlineData("like(n,\"5\")", false)]
    [InlineData("like(n,5)", false)]
    [InlineData("like(b,\"*\")", false)]
    [InlineData("like(o,\"*\")", false)]
    [InlineData("ilike(s,\"HELLO\")", true)]
    [InlineData("ilike(upper,\"h*O\")", true)]
    [InlineData("ilike(s,\"HEL?\")", false)]
    public void Evaluate_should_match_like_wildcards_over_whole_strings(string filter, bool expected) => AssertEvaluates(filter, expected);

    [Theory]
    [InlineData("in(n,1,5,9)", true)]
    [InlineData("in(n,1,2)", false)]
    [InlineData("in(n,\"5\")", true)]
    [InlineData("in(s,\"a\",\"hello\")", true)]
    [InlineData("in(b,false,true)", true)]
    [InlineData("in(f,true)", false)]
    public void Evaluate_should_match_in_when_any_value_equals(string filter, bool expected) => AssertEvaluates(filter, expected);

    [Theory]
    [InlineData("and(eq(n,5),eq(s,\"hello\"))", true)]
    [InlineData("and(eq(n,5),eq(s,\"x\"))", false)]
    [InlineData("and(eq(n,5))", true)]
    [InlineData("or(eq(n,4),eq(s,\"hello\"))", true)]
    [InlineData("or(eq(n,4),eq(s,\"x\"))", false)]
    [InlineData("or(eq(n,4))", false)]
    [InlineData("not(eq(n,5))", false)]
    [InlineData("not(not(eq(n,5)))", true)]
    [InlineData("and(or(eq(n,4),gt(d,20)),not(exists(missing)),or(like(s,\"h*\"),eq(b,false)))", true)]
    [InlineData("and(or(eq(n,4),gt(d,22)),not(exists(missing)))", false)]
    [InlineData("or(and(eq(n,4),eq(b,true)),and(eq(n,5),not(eq(b,false))))", true)]
    [InlineData("not(and(ne(missing,1),or(lt(neg,0),eq(z,1))))", false)]
    public void Evaluate_should_combine_and_or_not(string filter, bool expected) => AssertEvaluates(filter, expected);

    [Fact]
    public void Evaluate_should_read_each_field_through_the_source()
    {
        var node = new RqlComparison(RqlOperator.Eq, "header:qos", RqlLiteral.Number(1));
        var fields = new JsonFields("""{"header:qos": "1"}""");

        Assert.True(node.Evaluate(fields));
    }

    private static void AssertEvaluates(string filter, bool expected) =>
        Assert.Equal(expected, RqlParser.Parse(filter).Evaluate(new JsonFields(Document)));
}
