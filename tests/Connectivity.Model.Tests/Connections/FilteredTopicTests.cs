using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Xunit;

namespace Connectivity.Model.Tests.Connections;

public class FilteredTopicTests
{
    [Theory]
    [InlineData("_/_/things/twin/events", "_/_/things/twin/events")]
    [InlineData("_/_/things/twin/events?namespaces=a,b", "_/_/things/twin/events?namespaces=a,b")]
    [InlineData("_/_/things/live/messages?extraFields=attributes&filter=eq(a,1)&namespaces=n", "_/_/things/live/messages?namespaces=n&filter=eq(a,1)&extraFields=attributes")]
    [InlineData("_/_/things/twin/events?filter=eq(attributes%2Fa,%22x%20y%22)", "_/_/things/twin/events?filter=eq(attributes/a,\"x y\")")]
    [InlineData("_/_/things/live/commands?filter=exists(a)", "_/_/things/live/commands?filter=exists(a)")]
    [InlineData("_/_/things/live/events?unknown=1&namespaces=", "_/_/things/live/events")]
    [InlineData("_/_/policies/announcements?namespaces=a&filter=eq(a,1)&extraFields=x", "_/_/policies/announcements?namespaces=a")]
    [InlineData("_/_/connections/announcements?namespaces=a&filter=eq(a,1)&extraFields=x", "_/_/connections/announcements")]
    [InlineData("_/_/policies/announcements?filter=((", "_/_/policies/announcements")]
    public void Parse_should_normalise_parameters_when_serialized_again(string input, string expected)
    {
        Assert.Equal(expected, FilteredTopic.Parse(input).ToString());
    }

    [Fact]
    public void Parse_should_expose_decoded_parts()
    {
        var topic = FilteredTopic.Parse("_/_/things/twin/events?namespaces=org.a,%20org.b&filter=eq(a,1)&extraFields=attributes,features/x");

        Assert.Equal(FilteredTopic.TwinEvents, topic.Topic);
        Assert.Equal(["org.a", "org.b"], topic.Namespaces);
        Assert.Equal("eq(a,1)", topic.Filter);
        Assert.Equal(["attributes", "features/x"], topic.ExtraFields!.Fields);
        Assert.Equal(topic, FilteredTopic.Parse(topic.ToString()));
    }

    [Theory]
    [InlineData("_/_/things/twin/event")]
    [InlineData("things/twin/events")]
    [InlineData("")]
    public void Parse_should_throw_topic_invalid_when_base_topic_is_unknown(string topic)
    {
        var error = Assert.Throws<DittoRuntimeException>(() => FilteredTopic.Parse(topic));

        Assert.Equal("connectivity:topic.invalid", error.ErrorCode);
        Assert.Equal(400, error.Status);
    }

    [Theory]
    [InlineData("filter=")]
    [InlineData("filter=eq(a,1")]
    [InlineData("filter=eq(a,1))")]
    [InlineData("filter=eq(a,1)and(b)")]
    [InlineData("filter=(a)")]
    [InlineData("filter=eq(a,\"1)")]
    public void Parse_should_throw_rql_invalid_when_filter_is_malformed(string parameter)
    {
        var error = Assert.Throws<DittoRuntimeException>(() => FilteredTopic.Parse("_/_/things/twin/events?" + parameter));

        Assert.Equal("rql.expression.invalid", error.ErrorCode);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void Parse_should_describe_the_rql_problem_when_filter_is_malformed()
    {
        var error = Assert.Throws<DittoRuntimeException>(() => FilteredTopic.Parse("_/_/things/live/messages?filter=gt(value/temp,warm)"));

        Assert.Equal("rql.expression.invalid", error.ErrorCode);
        Assert.Equal("At position 15: invalid value 'warm': expected a string in quotes, a number, true, false or null.", error.Description);
    }

    [Theory]
    [InlineData("and(eq(a,1),like(b,\"x)*\"))")]
    [InlineData("gt(value/temp,20)")]
    [InlineData("not(exists(attributes/x))")]
    public void Parse_should_keep_filter_verbatim_when_well_formed(string filter)
    {
        Assert.Equal(filter, FilteredTopic.Parse("_/_/things/twin/events?filter=" + Uri.EscapeDataString(filter)).Filter);
    }
}
