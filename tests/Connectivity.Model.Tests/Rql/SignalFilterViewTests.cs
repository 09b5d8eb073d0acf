using Connectivity.Model.Connections;
using Connectivity.Model.Protocol;
using Connectivity.Model.Rql;
using Xunit;

namespace Connectivity.Model.Tests.Rql;

public class SignalFilterViewTests
{
    private const string LiveMessage = """
        {"topic": "org.acme/d1/things/live/messages/telemetry/temp", "path": "/outbox/messages/telemetry/temp",
         "headers": {"Correlation-Id": "c-1", "content-type": "application/json", "qos": "1"},
         "value": {"temp": 21.5, "unit": "C", "samples": [20.5, 22], "meta": {"a/b": true}}}
        """;

    [Theory]
    [InlineData("{\"temp\": 21.5}", true)]
    [InlineData("{\"temp\": 20.01}", true)]
    [InlineData("{\"temp\": 20}", false)]
    [InlineData("{\"temp\": 19}", false)]
    [InlineData("{\"temp\": \"21.5\"}", true)]
    [InlineData("{\"temp\": null}", false)]
    [InlineData("{\"humidity\": 40}", false)]
    [InlineData("21.5", false)]
    public void Filter_should_compare_the_live_message_value_when_gt_value_temp_20(string value, bool expected)
    {
        var message = Message($$"""{"topic": "org.acme/d1/things/live/messages/telemetry", "path": "/outbox/messages/telemetry", "headers": {}, "value": {{value}}}""");

        Assert.Equal(expected, RqlParser.Parse("gt(value/temp,20)").Evaluate(new SignalFilterView(message)));
    }

    [Fact]
    public void Filter_should_pass_the_issue_example_through_the_target_topic()
    {
        var topic = FilteredTopic.Parse("_/_/things/live/messages?namespaces=org.acme&filter=gt(value/temp,20)");
        var filter = RqlParser.Parse(topic.Filter!);

        Assert.True(filter.Evaluate(new SignalFilterView(Message(LiveMessage))));
        Assert.False(filter.Evaluate(new SignalFilterView(Message(LiveMessage.Replace("21.5", "19", StringComparison.Ordinal)))));
    }

    [Theory]
    [InlineData("eq(value/unit,\"C\")", true)]
    [InlineData("eq(/value/unit,\"C\")", true)]
    [InlineData("eq(/thingId,\"org.acme:d1\")", true)]
    [InlineData("eq(value/samples/1,22)", true)]
    [InlineData("exists(value/samples/2)", false)]
    [InlineData("eq(value/meta/a~1b,true)", true)]
    [InlineData("exists(value)", true)]
    [InlineData("exists(value/missing)", false)]
    [InlineData("eq(value/temp,21.5)", true)]
    [InlineData("eq(thingId,\"org.acme:d1\")", true)]
    [InlineData("exists(attributes)", false)]
    [InlineData("exists(temp)", false)]
    [InlineData("exists(_revision)", false)]
    public void Filter_should_see_value_pointers_and_the_thing_id_of_a_live_message(string filter, bool expected) =>
        AssertFilter(LiveMessage, filter, expected);

    [Theory]
    [InlineData("eq(topic:full,\"org.acme/d1/things/live/messages/telemetry/temp\")", true)]
    [InlineData("eq(topic:namespace,\"org.acme\")", true)]
    [InlineData("eq(topic:entityName,\"d1\")", true)]
    [InlineData("eq(topic:group,\"things\")", true)]
    [InlineData("eq(topic:channel,\"live\")", true)]
    [InlineData("eq(topic:criterion,\"messages\")", true)]
    [InlineData("eq(topic:subject,\"telemetry/temp\")", true)]
    [InlineData("like(topic:subject,\"telemetry/*\")", true)]
    [InlineData("eq(topic:action-subject,\"telemetry/temp\")", true)]
    [InlineData("exists(topic:action)", false)]
    [InlineData("eq(resource:path,\"/outbox/messages/telemetry/temp\")", true)]
    [InlineData("eq(resource:type,\"message\")", true)]
    [InlineData("eq(header:correlation-id,\"c-1\")", true)]
    [InlineData("eq(header:CORRELATION-ID,\"c-1\")", true)]
    [InlineData("eq(header:qos,1)", true)]
    [InlineData("gt(header:qos,0)", true)]
    [InlineData("exists(header:reply-to)", false)]
    [InlineData("ne(header:reply-to,\"x\")", true)]
    [InlineData("exists(topic:unknown)", false)]
    public void Filter_should_see_topic_resource_and_header_fields(string filter, bool expected) =>
        AssertFilter(LiveMessage, filter, expected);

    [Theory]
    [InlineData("eq(attributes/a,5)", true)]
    [InlineData("gt(attributes/a,4)", true)]
    [InlineData("exists(attributes/b)", false)]
    [InlineData("exists(features)", false)]
    [InlineData("eq(thingId,\"org.acme:d1\")", true)]
    [InlineData("eq(value,5)", true)]
    [InlineData("eq(topic:action,\"modified\")", true)]
    [InlineData("exists(topic:subject)", false)]
    [InlineData("eq(resource:path,\"/attributes/a\")", true)]
    [InlineData("eq(resource:type,\"thing\")", true)]
    [InlineData("eq(_revision,42)", true)]
    [InlineData("eq(_modified,\"2024-05-01T10:00:00Z\")", true)]
    [InlineData("and(eq(attributes/a,5),eq(topic:channel,\"twin\"),like(thingId,\"org.acme:*\"))", true)]
    public void Filter_should_see_the_partial_thing_of_an_attribute_event(string filter, bool expected) =>
        AssertFilter("""
            {"topic": "org.acme/d1/things/twin/events/modified", "path": "/attributes/a", "headers": {}, "value": 5,
             "revision": 42, "timestamp": "2024-05-01T10:00:00Z"}
            """, filter, expected);

    [Theory]
    [InlineData("eq(attributes/location/city,\"Berlin\")", true)]
    [InlineData("eq(policyId,\"org.acme:policy\")", true)]
    [InlineData("eq(thingId,\"org.acme:d1\")", true)]
    [InlineData("gt(features/f/properties/p,2)", true)]
    [InlineData("eq(value/attributes/location/city,\"Berlin\")", true)]
    [InlineData("eq(topic:action,\"created\")", true)]
    public void Filter_should_see_the_whole_thing_of_an_event_at_the_root(string filter, bool expected) =>
        AssertFilter("""
            {"topic": "org.acme/d1/things/twin/events/created", "path": "/", "headers": {},
             "value": {"thingId": "org.acme:d1", "policyId": "org.acme:policy",
                       "attributes": {"location": {"city": "Berlin"}}, "features": {"f": {"properties": {"p": 3}}}}}
            """, filter, expected);

    [Theory]
    [InlineData("eq(features/f/properties/p,3)", true)]
    [InlineData("exists(features/f/properties)", true)]
    [InlineData("exists(features/g)", false)]
    [InlineData("exists(attributes)", false)]
    public void Filter_should_see_a_feature_property_event_at_its_path(string filter, bool expected) =>
        AssertFilter("""
            {"topic": "org.acme/d1/things/twin/events/modified", "path": "/features/f/properties/p", "headers": {}, "value": 3}
            """, filter, expected);

    [Theory]
    [InlineData("eq(attributes/a,5)", true)]
    [InlineData("eq(attributes/site,\"b\")", true)]
    [InlineData("eq(features/f/properties/p,1)", true)]
    public void Filter_should_see_enriched_extra_fields_under_the_event_data(string filter, bool expected) =>
        AssertFilter("""
            {"topic": "org.acme/d1/things/twin/events/modified", "path": "/attributes/a", "headers": {}, "value": 5,
             "extra": {"attributes": {"a": 1, "site": "b"}, "features": {"f": {"properties": {"p": 1}}}}}
            """, filter, expected);

    [Fact]
    public void Filter_should_see_extra_fields_of_a_live_message()
    {
        var message = Message(LiveMessage.Replace("\"value\":", "\"extra\": {\"attributes\": {\"site\": \"b\"}}, \"value\":", StringComparison.Ordinal));

        Assert.True(RqlParser.Parse("and(eq(attributes/site,\"b\"),gt(value/temp,20))").Evaluate(new SignalFilterView(message)));
    }

    [Fact]
    public void Filter_should_see_only_the_thing_id_of_a_deleted_thing()
    {
        const string deleted = """{"topic": "org.acme/d1/things/twin/events/deleted", "path": "/", "headers": {}}""";

        AssertFilter(deleted, "eq(thingId,\"org.acme:d1\")", true);
        AssertFilter(deleted, "exists(value)", false);
        AssertFilter(deleted, "exists(attributes)", false);
    }

    [Fact]
    public void Filter_should_see_no_thing_for_a_policy_announcement()
    {
        const string announcement = """
            {"topic": "org.acme/p1/policies/announcements/subjectDeletion", "path": "/", "headers": {"x": "y"},
             "value": {"deleteAt": "2024-01-01T00:00:00Z"}}
            """;

        AssertFilter(announcement, "exists(thingId)", false);
        AssertFilter(announcement, "eq(value/deleteAt,\"2024-01-01T00:00:00Z\")", true);
        AssertFilter(announcement, "eq(topic:group,\"policies\")", true);
        AssertFilter(announcement, "eq(header:X,\"y\")", true);
    }

    private static DittoProtocolMessage Message(string json) => DittoProtocolMessage.Parse(json);

    private static void AssertFilter(string json, string filter, bool expected) =>
        Assert.Equal(expected, RqlParser.Parse(filter).Evaluate(new SignalFilterView(Message(json))));
}
