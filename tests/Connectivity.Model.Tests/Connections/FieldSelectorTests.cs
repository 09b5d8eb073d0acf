using Connectivity.Model.Connections;
using Xunit;

namespace Connectivity.Model.Tests.Connections;

public class FieldSelectorTests
{
    [Theory]
    [InlineData("id,name,_revision", new[] { "id", "name", "_revision" })]
    [InlineData(" id , /uri ,,", new[] { "id", "uri" })]
    [InlineData("credentials(type,username),tags", new[] { "credentials/type", "credentials/username", "tags" })]
    [InlineData("a(b(c,d))", new[] { "a/b/c", "a/b/d" })]
    [InlineData("{{ header:a | fn:default('x,y') }},b", new[] { "{{ header:a | fn:default('x,y') }}", "b" })]
    public void Parse_should_split_comma_list_into_pointers(string input, string[] expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(input).Fields);
    }

    [Fact]
    public void Equals_should_compare_fields_by_value()
    {
        Assert.Equal(FieldSelector.Parse("a,b"), new FieldSelector(["a", "b"]));
        Assert.Equal("a,b", FieldSelector.Parse("a, b").ToString());
    }
}
