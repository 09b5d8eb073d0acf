using Connectivity.Model.Placeholders;
using Xunit;

namespace Connectivity.Model.Tests.Placeholders;

public class PlaceholderResolverTests
{
    private static readonly MapPlaceholderSource Source = new(
        ("thing:id", "org.acme:d1"),
        ("thing:name", "d1"),
        ("header:x", "Hello World"),
        ("header:flag", "true"),
        ("header:empty", ""),
        ("header:none", null),
        ("header:padded", "  a b \t"),
        ("header:json", """{"a":"1","b":{"c":2},"tags":["x","y"],"items":[{"n":"i1"},{"n":"i2"}],"nums":[1,2]}"""),
        ("header:b64", "aGVsbG8gd8O2cmxk"),
        ("header:url", "a b&c=d/ü*~"));

    private static string? Resolve(string template) => PlaceholderResolver.Resolve(template, Source).Text;

    [Theory]
    [InlineData("constant", "constant")]
    [InlineData("", "")]
    [InlineData("{{ thing:id }}", "org.acme:d1")]
    [InlineData("{{thing:id}}", "org.acme:d1")]
    [InlineData("{{   thing:name    }}", "d1")]
    [InlineData("out/{{ thing:name }}/x", "out/d1/x")]
    [InlineData("{{ thing:id }}:{{ thing:name }}", "org.acme:d1:d1")]
    [InlineData("POST:/ingest/{{ thing:id }}", "POST:/ingest/org.acme:d1")]
    public void Resolve_should_substitute_placeholders_when_whitespace_inside_braces_varies(string template, string expected) =>
        Assert.Equal(expected, Resolve(template));

    [Fact]
    public void Resolve_should_give_the_same_result_every_time_a_template_comes_again_even_beyond_the_templates_it_keeps_parsed()
    {
        var templates = Enumerable.Range(0, 5_000).Select(i => $"out/{i}/{{{{ thing:name }}}}").ToList();
        for (var round = 0; round < 2; round++)
        {
            Assert.All(templates, t => Assert.Equal(t.Replace("{{ thing:name }}", "d1", StringComparison.Ordinal), Resolve(t)));
            Assert.StartsWith("invalid placeholder template", PlaceholderResolver.Resolve("{{ header:x", Source).Reason, StringComparison.Ordinal);
            Assert.Equal("HELLO WORLD", Resolve("{{ header:x | fn:upper() }}"));
        }
    }

    [Theory]
    [InlineData("{{ header:none }}", "'header:none' has no value")]
    [InlineData("{{ header:unknown }}", "unknown placeholder 'header:unknown'")]
    [InlineData("a/{{ header:none }}/b", "'header:none' has no value")]
    public void Resolve_should_be_unresolved_with_a_reason_when_a_placeholder_has_no_value(string template, string reason)
    {
        var result = PlaceholderResolver.Resolve(template, Source);

        Assert.True(result.IsUnresolved);
        Assert.Null(result.Text);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ header:x")]
    [InlineData("x }}")]
    [InlineData("{{ }}")]
    [InlineData("{{ header:x {{ header:y }} }}")]
    [InlineData("{{ nocolon }}")]
    [InlineData("{{ header:x | upper() }}")]
    [InlineData("{{ header:x | fn:nope() }}")]
    [InlineData("{{ header:x | fn:upper('a') }}")]
    [InlineData("{{ header:x | fn:default() }}")]
    [InlineData("{{ header:x | fn:default('a) }}")]
    [InlineData("{{ header:x | fn:substring-before(header:y) }}")]
    [InlineData("{{ header:x | fn:filter(header:x,'gt','1') }}")]
    [InlineData("{{ header:x | }}")]
    [InlineData("{{ header:x | fn:format('{#a}') }}")]
    public void Resolve_should_be_unresolved_when_the_template_is_invalid(string template)
    {
        var result = PlaceholderResolver.Resolve(template, Source);

        Assert.True(result.IsUnresolved);
        Assert.StartsWith("invalid placeholder template", result.Reason, StringComparison.Ordinal);
        Assert.NotNull(PlaceholderResolver.Validate(template));
    }

    [Fact]
    public void Resolve_should_reject_more_than_ten_chained_functions()
    {
        var ten = "{{ header:x" + string.Concat(Enumerable.Repeat(" | fn:lower()", 10)) + " }}";
        var eleven = "{{ header:x" + string.Concat(Enumerable.Repeat(" | fn:lower()", 11)) + " }}";

        Assert.Equal("hello world", Resolve(ten));
        Assert.True(PlaceholderResolver.Resolve(eleven, Source).IsUnresolved);
    }

    [Theory]
    [InlineData("{{ header:none | fn:default('y') }}", "y")]
    [InlineData("{{ header:none | fn:default(\"y\") }}", "y")]
    [InlineData("{{ header:unknown | fn:default('y') }}", "y")]
    [InlineData("{{ header:x | fn:default('y') }}", "Hello World")]
    [InlineData("{{ header:empty | fn:default('y') }}", "")]
    [InlineData("{{ header:none | fn:default(thing:name) }}", "d1")]
    [InlineData("{{ header:none|fn:default('y')|fn:upper() }}", "Y")]
    [InlineData("{{ fn:default('start') }}", "start")]
    [InlineData("{{ header:none | fn:default('it\\'s') }}", "it's")]
    [InlineData("{{ header:none | fn:default(\"say \\\"hi\\\"\") }}", "say \"hi\"")]
    [InlineData("{{ header:none | fn:default('}}|{{, )') }}", "}}|{{, )")]
    public void Default_should_replace_only_unresolved_values(string template, string expected) =>
        Assert.Equal(expected, Resolve(template));

    [Fact]
    public void Default_should_stay_unresolved_when_its_placeholder_has_no_value() =>
        Assert.True(PlaceholderResolver.Resolve("{{ header:none | fn:default(header:none) }}", Source).IsUnresolved);

    [Theory]
    [InlineData("{{ thing:id | fn:substring-before(':') }}", "org.acme")]
    [InlineData("{{ thing:id | fn:substring-after(':') }}", "d1")]
    [InlineData("{{ thing:id | fn:substring-after(\".\") }}", "acme:d1")]
    [InlineData("{{ thing:id | fn:substring-before('#') | fn:default('none') }}", "none")]
    [InlineData("{{ thing:id | fn:substring-after('#') | fn:default('none') }}", "none")]
    [InlineData("{{ header:x | fn:lower() }}", "hello world")]
    [InlineData("{{ header:x | fn:upper() }}", "HELLO WORLD")]
    [InlineData("{{ header:padded | fn:trim() }}", "a b")]
    [InlineData("{{ header:url | fn:url-encode() }}", "a+b%26c%3Dd%2F%C3%BC*%7E")]
    [InlineData("{{ header:url | fn:url-encode() | fn:url-decode() }}", "a b&c=d/ü*~")]
    [InlineData("{{ header:b64 | fn:base64-decode() }}", "hello wörld")]
    [InlineData("{{ header:x | fn:base64-encode() }}", "SGVsbG8gV29ybGQ=")]
    [InlineData("{{ header:x | fn:replace('o', '0') }}", "Hell0 W0rld")]
    [InlineData("{{ header:x | fn:replace('World', '') }}", "Hello ")]
    [InlineData("{{ header:x | fn:replace('|', ',') }}", "Hello World")]
    [InlineData("{{ thing:name | fn:replace('', '-') }}", "-d-1-")]
    [InlineData("{{ header:x | fn:split(' ') | fn:join('+') }}", "Hello+World")]
    [InlineData("{{ header:x | fn:substring-before(' ') | fn:lower() | fn:upper() }}", "HELLO")]
    public void String_functions_should_transform_the_value(string template, string expected) =>
        Assert.Equal(expected, Resolve(template));

    [Theory]
    [InlineData("{{ header:x | fn:url-decode() }}", "Hello World")]
    [InlineData("{{ header:url | fn:url-decode() }}", null)]
    [InlineData("{{ header:x | fn:base64-decode() }}", null)]
    public void Decoding_functions_should_be_unresolved_when_the_value_is_not_encoded(string template, string? expected)
    {
        var decoded = PlaceholderResolver.Resolve(template.Replace("header:url", "header:bad", StringComparison.Ordinal), new MapPlaceholderSource(("header:x", "Hello+World"), ("header:bad", "%zz")));

        Assert.Equal(expected, decoded.Text);
    }

    [Theory]
    [InlineData("{{ header:x | fn:delete() }}")]
    [InlineData("{{ header:none | fn:delete() }}")]
    [InlineData("{{ header:x | fn:delete() | fn:default('y') }}")]
    [InlineData("prefix-{{ header:none }}-{{ header:x | fn:delete() }}")]
    public void Delete_should_delete_the_whole_result(string template)
    {
        var result = PlaceholderResolver.Resolve(template, Source);

        Assert.True(result.IsDeleted);
        Assert.Null(result.Text);
        Assert.Empty(result.Values);
    }

    [Theory]
    [InlineData("{{ header:x | fn:filter(header:flag,'eq','true') }}", "Hello World")]
    [InlineData("{{ header:x | fn:filter(header:flag,'eq','false') }}", null)]
    [InlineData("{{ header:x | fn:filter(header:flag,'ne','false') }}", "Hello World")]
    [InlineData("{{ header:x | fn:filter(header:flag,'ne','true') }}", null)]
    [InlineData("{{ header:x | fn:filter(header:flag,'exists') }}", "Hello World")]
    [InlineData("{{ header:x | fn:filter(header:none,'exists') }}", null)]
    [InlineData("{{ header:x | fn:filter(header:empty,'exists') }}", null)]
    [InlineData("{{ header:x | fn:filter(header:none,'exists','false') }}", "Hello World")]
    [InlineData("{{ header:x | fn:filter(header:flag,'exists','false') }}", null)]
    [InlineData("{{ header:x | fn:filter(header:flag,'exists','TRUE') }}", "Hello World")]
    [InlineData("{{ header:x | fn:filter(thing:id,'like','org.acme:*') }}", "Hello World")]
    [InlineData("{{ header:x | fn:filter(thing:id,'like','org.acme:d?') }}", "Hello World")]
    [InlineData("{{ header:x | fn:filter(thing:id,'like','org.acme:?') }}", null)]
    [InlineData("{{ header:x | fn:filter(thing:id,'like','com.*|org.*') }}", "Hello World")]
    [InlineData("{{ header:x | fn:filter(thing:id,'like','com.*|net.*') }}", null)]
    [InlineData("{{ header:x | fn:filter(thing:id,'like','org.acme') }}", null)]
    [InlineData("{{ header:x | fn:filter(thing:id,'like','org.acme:d1.') }}", null)]
    [InlineData("{{ header:x | fn:filter('a','eq','a') }}", "Hello World")]
    [InlineData("{{ header:x | fn:filter( 'a' , 'eq' , \"b\" ) }}", null)]
    [InlineData("{{ header:x | fn:filter(header:flag,'eq') }}", null)]
    [InlineData("{{ header:x | fn:filter(header:flag,'eq','true') | fn:default('filtered') }}", "Hello World")]
    [InlineData("{{ header:x | fn:filter(header:flag,'eq','false') | fn:default('filtered') }}", "filtered")]
    public void Filter_should_keep_the_value_only_when_its_condition_holds(string template, string? expected) =>
        Assert.Equal(expected, Resolve(template));

    [Fact]
    public void Filter_should_explain_what_was_filtered()
    {
        var result = PlaceholderResolver.Resolve("{{ header:x | fn:filter(header:flag,'eq','false') }}", Source);

        Assert.True(result.IsUnresolved);
        Assert.Contains("filtered out by fn:filter('true','eq','false')", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ header:json | fn:format('{a}-{/b/c}') }}", "1-2")]
    [InlineData("{{ header:json | fn:format('{missing}|{a}') }}", "|1")]
    [InlineData("{{ header:json | fn:format('\\{{a}\\}') }}", "{1}")]
    [InlineData("{{ header:json | fn:format('{b}') }}", """{"c":2}""")]
    [InlineData("{{ header:json | fn:format('{#items}{n};{/items}') | fn:join('') }}", "i1;i2;")]
    [InlineData("{{ header:json | fn:format('{#nums}<{.}>{/nums}') | fn:join(',') }}", "<1>,<2>")]
    [InlineData("{{ header:json | fn:format('{a}:{tags}') | fn:join(',') }}", "1:x,1:y")]
    [InlineData("{{ header:x | fn:format('{a}') }}", "")]
    public void Format_should_render_fields_of_json_objects(string template, string expected) =>
        Assert.Equal(expected, Resolve(template));

    [Fact]
    public void Join_should_be_unresolved_when_there_is_nothing_to_join() =>
        Assert.True(PlaceholderResolver.Resolve("{{ header:none | fn:join(',') }}", Source).IsUnresolved);

    [Fact]
    public void Resolve_should_yield_every_variant_when_a_placeholder_has_several_values()
    {
        var source = new MultiSource();

        var result = PlaceholderResolver.Resolve("{{ thing-json:tags }}/{{ thing-json:tags | fn:upper() }}", source);

        Assert.Equal(["a/A", "a/B", "b/A", "b/B"], result.Values);
        Assert.Equal("a/A", result.Text);
        Assert.Equal("a,b", PlaceholderResolver.Resolve("{{ thing-json:tags | fn:join(',') }}", source).Text);
    }

    [Theory]
    [InlineData("fn:filter(header:flag,'eq','true')", true)]
    [InlineData("fn:filter(header:flag,'eq','false')", false)]
    [InlineData("  fn:filter(header:flag, 'ne', 'false')  ", true)]
    [InlineData("fn:filter(header:none,'exists')", false)]
    [InlineData("fn:filter(header:none,'exists','false')", true)]
    [InlineData("fn:filter(header:unknown,'exists','false')", true)]
    [InlineData("fn:filter(thing:id,'like','org.acme:*')", true)]
    [InlineData("{{ header:x | fn:filter(header:flag,'eq','true') }}", true)]
    [InlineData("{{ header:x | fn:filter(header:flag,'eq','false') }}", false)]
    [InlineData("{{ header:flag }}", true)]
    [InlineData("{{ header:none }}", false)]
    [InlineData("{{ fn:default('false') }}", false)]
    [InlineData("{{ header:x | fn:delete() }}", false)]
    [InlineData("", false)]
    [InlineData("fn:filter(header:flag,'eq'", false)]
    [InlineData("header:flag", false)]
    public void EvaluateCondition_should_hold_only_when_the_condition_resolves(string condition, bool expected) =>
        Assert.Equal(expected, PlaceholderResolver.EvaluateCondition(condition, Source));

    [Fact]
    public void EvaluateConditionResult_should_say_why_a_condition_does_not_hold()
    {
        var result = PlaceholderResolver.EvaluateConditionResult("fn:filter(header:flag,'eq','false')", Source);

        Assert.Contains("filtered out", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ header:x }}", null)]
    [InlineData("{{ thing:id | fn:substring-before(':') | fn:default(thing:name) | fn:upper() }}", null)]
    [InlineData("{{ time:now-1h[h] }}", null)]
    [InlineData("{{ thing-json:attributes/location }}", null)]
    [InlineData("{{ thing:foo }}", "unknown placeholder 'thing:foo'")]
    [InlineData("{{ bogus:x }}", "unknown placeholder 'bogus:x'")]
    [InlineData("{{ header:x | fn:default(bogus:y) }}", "unknown placeholder 'bogus:y'")]
    [InlineData("{{ time:later }}", "unknown placeholder 'time:later'")]
    [InlineData("{{ thing-json:id }}", "unknown placeholder 'thing-json:id'")]
    public void Validate_should_report_unknown_placeholders(string template, string? problem) =>
        Assert.Equal(problem, PlaceholderResolver.Validate(template));

    [Theory]
    [InlineData("fn:filter(header:x,'eq','true')", true)]
    [InlineData("{{ header:x | fn:filter(header:x,'like','a*') }}", true)]
    [InlineData("fn:filter(header:x,'gt','1')", false)]
    [InlineData(" ", false)]
    public void ValidateCondition_should_accept_filters_in_both_forms(string condition, bool valid) =>
        Assert.Equal(valid, PlaceholderResolver.ValidateCondition(condition) is null);

    private sealed class MultiSource : IPlaceholderSource
    {
        public bool TryResolve(string prefix, string name, out string? value)
        {
            value = "a";
            return true;
        }

        public bool TryResolveAll(string prefix, string name, out IReadOnlyList<string> values)
        {
            values = ["a", "b"];
            return true;
        }
    }
}
