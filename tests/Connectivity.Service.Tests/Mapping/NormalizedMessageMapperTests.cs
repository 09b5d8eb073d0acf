using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Protocol;
using Connectivity.Service.Mapping;
using Xunit;
using static Connectivity.Service.Tests.Mapping.MappingTestData;

namespace Connectivity.Service.Tests.Mapping;

/// <summary>The <c>Normalized</c> engine (spec §7.1): thing changes as sparse thing JSON, as Ditto's NormalizedMessageMapper.</summary>
public sealed class NormalizedMessageMapperTests
{
    private const string Timestamp = "2026-01-21T08:57:24.710Z";

    [Fact]
    public void MapOutgoing_should_give_the_whole_thing_with_context_when_a_thing_was_created()
    {
        var thing = new JsonObject { ["thingId"] = "org.acme:d1", ["policyId"] = "org.acme:d1", ["attributes"] = new JsonObject { ["x"] = 5 } };

        var mapped = Assert.Single(Mapper(Engine("Normalized")).MapOutgoing(TwinEvent("created", "/", thing)));

        AssertJson("""
            {"thingId":"org.acme:d1","policyId":"org.acme:d1","attributes":{"x":5},"_modified":"2026-01-21T08:57:24.710Z","_revision":7,
             "_context":{"topic":"org.acme/d1/things/twin/events/created","path":"/","value":{"thingId":"org.acme:d1","policyId":"org.acme:d1","attributes":{"x":5}},"headers":{"correlation-id":"c-1"}}}
            """, mapped.TextPayload);
        Assert.Equal("application/json", mapped.ContentType);
        Assert.Equal("application/json", Assert.Single(mapped.Headers).Value);
    }

    [Fact]
    public void MapOutgoing_should_nest_the_value_under_its_path_when_a_feature_property_was_modified()
    {
        var mapped = Assert.Single(Mapper(Engine("Normalized")).MapOutgoing(TwinEvent("modified", "/features/f/properties/the/lazy/dog", 9)));

        var json = JsonNode.Parse(mapped.TextPayload!)!;
        Assert.Equal("""{"f":{"properties":{"the":{"lazy":{"dog":9}}}}}""", json["features"]!.ToJsonString());
        Assert.Equal("/features/f/properties/the/lazy/dog", json["_context"]!["path"]!.GetValue<string>());
        Assert.Equal(9, json["_context"]!["value"]!.GetValue<int>());
    }

    [Fact]
    public void MapOutgoing_should_drop_nulls_and_empty_objects_when_a_thing_was_merged()
    {
        var patch = JsonNode.Parse("""{"attributes":{"x":5,"gone":null},"features":{"f":{"properties":{"z":null}}}}""");

        var mapped = Assert.Single(Mapper(Engine("Normalized")).MapOutgoing(TwinEvent("merged", "/", patch)));

        var json = JsonNode.Parse(mapped.TextPayload!)!.AsObject();
        Assert.Equal("""{"x":5}""", json["attributes"]!.ToJsonString());
        Assert.False(json.ContainsKey("features"));
        Assert.False(json.ContainsKey("_deletedFields"));
        Assert.Equal("""{"x":5}""", json["_context"]!["value"]!["attributes"]!.ToJsonString());
    }

    [Fact]
    public void MapOutgoing_should_list_the_nulls_of_a_merge_in_deleted_fields_when_include_deleted_fields_is_set()
    {
        var mapper = Mapper(Engine("Normalized", new JsonObject { ["includeDeletedFields"] = "true" }));
        var patch = JsonNode.Parse("""{"attributes":{"x":5,"gone":null,"{{ /^tmp.*$/ }}":null},"features":{"f":{"properties":{"z":null}}}}""");

        var json = JsonNode.Parse(Assert.Single(mapper.MapOutgoing(TwinEvent("merged", "/", patch))).TextPayload!)!;

        AssertJson("""{"attributes":{"gone":"2026-01-21T08:57:24.710Z"},"features":{"f":{"properties":{"z":"2026-01-21T08:57:24.710Z"}}}}""", json["_deletedFields"]!.ToJsonString());
    }

    [Fact]
    public void MapOutgoing_should_drop_a_partial_deletion_unless_include_deleted_fields_is_set()
    {
        var deletion = TwinEvent("deleted", "/attributes/x", null);

        Assert.Empty(Mapper(Engine("Normalized")).MapOutgoing(deletion));

        var mapper = Mapper(Engine("Normalized", new JsonObject { ["includeDeletedFields"] = true }));
        var json = JsonNode.Parse(Assert.Single(mapper.MapOutgoing(deletion)).TextPayload!)!.AsObject();
        AssertJson("""{"attributes":{"x":"2026-01-21T08:57:24.710Z"}}""", json["_deletedFields"]!.ToJsonString());
        Assert.False(json.ContainsKey("attributes"));
        Assert.False(json.ContainsKey("_deleted"));
    }

    [Fact]
    public void MapOutgoing_should_mark_the_thing_deleted_when_the_whole_thing_was_deleted()
    {
        var json = JsonNode.Parse(Assert.Single(Mapper(Engine("Normalized")).MapOutgoing(TwinEvent("deleted", "/", null))).TextPayload!)!;

        Assert.Equal("org.acme:d1", json["thingId"]!.GetValue<string>());
        Assert.Equal(Timestamp, json["_deleted"]!.GetValue<string>());
        Assert.Null(json["_context"]!["value"]);
    }

    [Fact]
    public void MapOutgoing_should_keep_only_the_selected_fields_when_fields_is_set()
    {
        var mapper = Mapper(Engine("Normalized", new JsonObject { ["fields"] = "_modified,_context(topic,path),_context/headers/correlation-id,nonexistent/pointer" }));

        var mapped = Assert.Single(mapper.MapOutgoing(TwinEvent("modified", "/attributes/a", 1)));

        AssertJson("""
            {"_modified":"2026-01-21T08:57:24.710Z","_context":{"topic":"org.acme/d1/things/twin/events/modified","path":"/attributes/a","headers":{"correlation-id":"c-1"}}}
            """, mapped.TextPayload);
    }

    [Fact]
    public void MapOutgoing_should_merge_enriched_extra_fields_under_the_event_value()
    {
        var modified = TwinEvent("modified", "/attributes/a", 1) with
        {
            Extra = new JsonObject { ["attributes"] = new JsonObject { ["a"] = 0, ["b"] = 2 }, ["policyId"] = "org.acme:p" },
        };

        var json = JsonNode.Parse(Assert.Single(Mapper(Engine("Normalized")).MapOutgoing(modified)).TextPayload!)!;

        Assert.Equal("""{"a":1,"b":2}""", json["attributes"]!.ToJsonString());
        Assert.Equal("org.acme:p", json["policyId"]!.GetValue<string>());
    }

    [Fact]
    public void Mapper_should_drop_everything_but_thing_change_events()
    {
        var mapper = Mapper(Engine("Normalized"));
        var command = TwinEvent("modified", "/attributes/a", 1) with { Topic = new DittoTopic("org.acme", "d1", "things", "twin", "commands", "modify") };

        Assert.Empty(mapper.MapOutgoing(command));
        Assert.Empty(mapper.MapOutgoing(command with { Status = 204 }));
        Assert.Empty(mapper.MapOutgoing(LiveMessage()));
        Assert.Empty(mapper.MapIncoming(Text("""{"topic":"org.acme/d1/things/twin/events/modified","headers":{},"path":"/"}""")));
        Assert.False(mapper.MapsIncoming);
    }

    [Fact]
    public void MapOutgoing_should_fail_when_a_root_event_has_a_value_that_is_not_an_object()
    {
        var error = Assert.Throws<MessageMappingException>(() => Mapper(Engine("Normalized")).MapOutgoing(TwinEvent("modified", "/", 42)));

        Assert.Contains("not an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapOutgoing_should_carry_all_ditto_headers_in_the_context_but_send_only_the_content_type()
    {
        var modified = TwinEvent("modified", "/attributes/a", 1) with { Headers = DittoHeaders.Of([KeyValuePair.Create("random", "header")]) };

        var mapped = Assert.Single(Mapper(Engine("Normalized")).MapOutgoing(modified));

        Assert.Equal("""{"random":"header"}""", JsonNode.Parse(mapped.TextPayload!)!["_context"]!["headers"]!.ToJsonString());
        Assert.Equal(["content-type"], mapped.Headers.Keys);
    }

    private static void AssertJson(string expected, string? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual!)), $"expected {expected}\nbut got {actual}");
}
