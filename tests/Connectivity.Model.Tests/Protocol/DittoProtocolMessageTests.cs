using System.Text.Json.Nodes;
using Connectivity.Model.Protocol;
using Xunit;

namespace Connectivity.Model.Tests.Protocol;

public class DittoProtocolMessageTests
{
    private const string LiveMessage = """
        {"topic":"org.acme/d1/things/live/messages/telemetry","headers":{"correlation-id":"c-1","content-type":"application/json","response-required":"false"},"path":"/inbox/messages/telemetry","value":{"temp":21.5},"extra":{"attributes":{"room":"kitchen"}},"revision":42,"timestamp":"2026-03-03T16:05:55Z"}
        """;

    [Fact]
    public void FromJson_should_read_every_field()
    {
        var message = DittoProtocolMessage.Parse(LiveMessage);

        Assert.Equal(new DittoTopic("org.acme", "d1", "things", "live", "messages", "telemetry"), message.Topic);
        Assert.Equal("/inbox/messages/telemetry", message.Path);
        Assert.Equal("c-1", message.Headers.CorrelationId);
        Assert.Equal("false", message.Headers["response-required"]);
        Assert.Equal(21.5, message.Value!["temp"]!.GetValue<double>());
        Assert.Equal("kitchen", message.Extra!["attributes"]!["room"]!.GetValue<string>());
        Assert.Equal(42L, message.Revision);
        Assert.Equal("2026-03-03T16:05:55Z", message.Timestamp);
        Assert.Null(message.Status);
        Assert.Null(message.Fields);
        Assert.Equal(SignalKind.LiveMessage, message.Kind);
    }

    [Theory]
    [InlineData(LiveMessage)]
    [InlineData("""{"topic":"org.acme/d1/things/twin/commands/modify","headers":{"correlation-id":"c-2"},"path":"/attributes/x","value":5}""")]
    [InlineData("""{"topic":"org.acme/d1/things/twin/commands/retrieve","headers":{},"path":"/","fields":"thingId,attributes","status":200,"value":{"thingId":"org.acme:d1"}}""")]
    [InlineData("""{"topic":"org.acme/d1/things/twin/errors","headers":{},"path":"/","value":{"status":404,"error":"things:thing.notfound","message":"m"},"status":404}""")]
    [InlineData("""{"topic":"_/conn-1/connections/announcements/opened","headers":{"content-type":"application/json"},"path":"/","value":{"openedAt":"2026-03-03T16:05:55Z"}}""")]
    [InlineData("""{"topic":"org.acme/d1/things/twin/events/deleted","headers":{},"path":"/attributes/x","revision":7}""")]
    [InlineData("""{"topic":"org.acme/d1/things/twin/commands/modify","headers":{},"path":"/attributes/x","value":[1,"two",{"three":3},null]}""")]
    public void ToJson_should_round_trip_the_envelope(string json)
    {
        var message = DittoProtocolMessage.Parse(json);

        var written = message.ToJson();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), written), written.ToJsonString());
        Assert.True(JsonNode.DeepEquals(written, DittoProtocolMessage.FromJson(written).ToJson()));
    }

    [Fact]
    public void FromJson_should_copy_nodes_so_that_the_input_and_output_stay_independent()
    {
        var json = JsonNode.Parse(LiveMessage)!.AsObject();
        var message = DittoProtocolMessage.FromJson(json);

        json["value"]!["temp"] = 0;
        var written = message.ToJson();
        written["value"]!["temp"] = 1;

        Assert.Equal(21.5, message.Value!["temp"]!.GetValue<double>());
        Assert.Equal(21.5, message.ToJson()["value"]!["temp"]!.GetValue<double>());
    }

    [Fact]
    public void FromJson_should_read_non_string_header_values_as_their_json_text()
    {
        var message = DittoProtocolMessage.Parse("""{"topic":"a/b/things/twin/commands/modify","headers":{"response-required":false,"timeout":5},"path":"/"}""");

        Assert.Equal("false", message.Headers["response-required"]);
        Assert.Equal("5", message.Headers["timeout"]);
    }

    [Fact]
    public void FromJson_should_add_the_leading_slash_of_a_relative_path() =>
        Assert.Equal("/attributes/x", DittoProtocolMessage.Parse("""{"topic":"a/b/things/twin/commands/modify","headers":{},"path":"attributes/x"}""").Path);

    [Fact]
    public void FromJson_should_read_json_null_optional_fields_as_absent()
    {
        var message = DittoProtocolMessage.Parse("""{"topic":"a/b/things/twin/commands/modify","headers":{},"path":"/","value":null,"extra":null,"status":null,"revision":null}""");

        Assert.Null(message.Value);
        Assert.Null(message.Extra);
        Assert.Null(message.Status);
        Assert.Null(message.Revision);
    }

    [Theory]
    [InlineData("""{"headers":{},"path":"/"}""", "the field 'topic' is missing")]
    [InlineData("""{"topic":"a/b/things/twin/commands/modify","path":"/"}""", "the field 'headers' is missing")]
    [InlineData("""{"topic":"a/b/things/twin/commands/modify","headers":{}}""", "the field 'path' is missing")]
    [InlineData("""{"topic":5,"headers":{},"path":"/"}""", "the field 'topic' is not a string")]
    [InlineData("""{"topic":"a/b/things/twin/commands/modify","headers":"x","path":"/"}""", "the field 'headers' is not an object")]
    [InlineData("""{"topic":"a/b/things/twin/commands/modify","headers":{},"path":{}}""", "the field 'path' is not a string")]
    [InlineData("""{"topic":"a/b/things/twin/nonsense","headers":{},"path":"/"}""", "the field 'topic' is invalid")]
    [InlineData("""{"topic":"a/b/things/twin/commands/modify","headers":{},"path":"/","extra":[1]}""", "the field 'extra' is not an object")]
    [InlineData("""{"topic":"a/b/things/twin/commands/modify","headers":{},"path":"/","status":"200"}""", "the field 'status' is not an integer")]
    [InlineData("""{"topic":"a/b/things/twin/commands/modify","headers":{},"path":"/","status":99}""", "the field 'status' is not an integer")]
    [InlineData("""{"topic":"a/b/things/twin/commands/modify","headers":{},"path":"/","status":200.5}""", "the field 'status' is not an integer")]
    [InlineData("""{"topic":"a/b/things/twin/commands/modify","headers":{},"path":"/","revision":-1}""", "the field 'revision' is not an integer")]
    [InlineData("""{"topic":"a/b/things/twin/commands/modify","headers":{},"path":"/","fields":1}""", "the field 'fields' is not a string")]
    [InlineData("""{"topic":"a/b/things/twin/commands/modify","headers":{},"path":"/","timestamp":true}""", "the field 'timestamp' is not a string")]
    [InlineData("""[1]""", "the JSON is not an object")]
    [InlineData("""{"topic":""", "invalid JSON")]
    public void FromJson_should_throw_naming_the_field_when_the_envelope_is_invalid(string json, string problem)
    {
        var error = Assert.Throws<DittoProtocolException>(() => DittoProtocolMessage.Parse(json));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("org.acme/d1/things/twin/commands/modify", null, SignalKind.TwinCommand)]
    [InlineData("org.acme/d1/things/twin/commands/modify", 204, SignalKind.TwinResponse)]
    [InlineData("org.acme/d1/things/twin/events/modified", null, SignalKind.TwinEvent)]
    [InlineData("org.acme/d1/things/live/commands/retrieve", null, SignalKind.LiveCommand)]
    [InlineData("org.acme/d1/things/live/commands/retrieve", 200, SignalKind.LiveResponse)]
    [InlineData("org.acme/d1/things/live/events/created", null, SignalKind.LiveEvent)]
    [InlineData("org.acme/d1/things/live/messages/ask", null, SignalKind.LiveMessage)]
    [InlineData("org.acme/d1/things/live/messages/ask", 200, SignalKind.LiveResponse)]
    [InlineData("org.acme/d1/things/twin/errors", 404, SignalKind.Error)]
    [InlineData("org.acme/d1/things/live/errors", 400, SignalKind.Error)]
    [InlineData("org.acme/p1/policies/errors", 404, SignalKind.Error)]
    [InlineData("_/conn-1/connections/announcements/opened", null, SignalKind.ConnectionAnnouncement)]
    [InlineData("org.acme/p1/policies/announcements/subjectDeletion", null, SignalKind.PolicyAnnouncement)]
    [InlineData("org.acme/p1/policies/commands/create", null, SignalKind.Other)]
    [InlineData("_/_/things/twin/search/subscribe", null, SignalKind.Other)]
    [InlineData("org.acme/d1/things/twin/acks/my-ack", 200, SignalKind.Other)]
    public void Kind_should_classify_by_group_channel_criterion_and_status(string topic, int? status, SignalKind expected)
    {
        var message = new DittoProtocolMessage { Topic = DittoTopic.Parse(topic), Status = status };

        Assert.Equal(expected, message.Kind);
    }

    [Theory]
    [InlineData(SignalKind.TwinEvent, "_/_/things/twin/events")]
    [InlineData(SignalKind.LiveMessage, "_/_/things/live/messages")]
    [InlineData(SignalKind.LiveCommand, "_/_/things/live/commands")]
    [InlineData(SignalKind.LiveEvent, "_/_/things/live/events")]
    [InlineData(SignalKind.PolicyAnnouncement, "_/_/policies/announcements")]
    [InlineData(SignalKind.ConnectionAnnouncement, "_/_/connections/announcements")]
    [InlineData(SignalKind.TwinCommand, null)]
    [InlineData(SignalKind.TwinResponse, null)]
    [InlineData(SignalKind.LiveResponse, null)]
    [InlineData(SignalKind.Error, null)]
    [InlineData(SignalKind.Other, null)]
    public void SubscriptionTopic_should_name_the_target_topic_a_kind_is_published_under(SignalKind kind, string? expected) =>
        Assert.Equal(expected, kind.SubscriptionTopic());

    [Fact]
    public void New_message_should_default_to_the_root_path_and_empty_headers()
    {
        var message = new DittoProtocolMessage { Topic = DittoTopic.Parse("a/b/things/twin/commands/retrieve") };

        Assert.Equal("/", message.Path);
        Assert.Empty(message.Headers);
        Assert.Equal("""{"topic":"a/b/things/twin/commands/retrieve","headers":{},"path":"/"}""", message.ToJson().ToJsonString());
        Assert.Equal("application/vnd.eclipse.ditto+json", DittoProtocolMessage.ContentType);
    }
}
