using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Protocol;
using Connectivity.Service.Mapping;
using Xunit;
using static Connectivity.Service.Tests.Mapping.MappingTestData;

namespace Connectivity.Service.Tests.Mapping;

/// <summary>The <c>RawMessage</c> engine (spec §7.1): live message payloads as they are, as Ditto's RawMessageMapper.</summary>
public sealed class RawMessageMapperTests
{
    private static readonly (string, string)[] MessageHeaders = [("ditto-message-thing-id", "org.acme:d1"), ("ditto-message-subject", "hello")];

    [Fact]
    public void MapIncoming_should_make_a_live_message_to_the_thing_with_the_text_as_value()
    {
        var mapped = Assert.Single(Mapper(Engine("RawMessage")).MapIncoming(Text("hi there", "text/plain", [.. MessageHeaders, ("correlation-id", "c-1")])));

        Assert.Equal("org.acme/d1/things/live/messages/hello", mapped.Topic.ToString());
        Assert.Equal("/inbox/messages/hello", mapped.Path);
        Assert.Equal("hi there", mapped.Value!.GetValue<string>());
        Assert.Null(mapped.Status);
        Assert.Equal(["content-type"], mapped.Headers.Keys);
        Assert.Equal("text/plain", mapped.Headers["content-type"]);
    }

    [Fact]
    public void MapIncoming_should_parse_json_and_use_feature_direction_and_status_headers()
    {
        var message = Text("""{"temp":21}""", "application/json",
            [.. MessageHeaders, ("ditto-message-feature-id", "thermo"), ("ditto-message-direction", "FROM"), ("status", "200")]);

        var mapped = Assert.Single(Mapper(Engine("RawMessage")).MapIncoming(message));

        Assert.Equal("/features/thermo/outbox/messages/hello", mapped.Path);
        Assert.Equal("""{"temp":21}""", mapped.Value!.ToJsonString());
        Assert.Equal(200, mapped.Status);
    }

    [Fact]
    public void MapIncoming_should_encode_bytes_in_base64_when_the_content_type_is_binary_or_missing()
    {
        var mapped = Assert.Single(Mapper(Engine("RawMessage")).MapIncoming(Bytes([1, 2, 255], null, MessageHeaders)));

        Assert.Equal("AQL/", mapped.Value!.GetValue<string>());
        Assert.Equal("application/octet-stream", mapped.Headers["content-type"]);
    }

    [Fact]
    public void MapIncoming_should_take_message_headers_from_the_configured_placeholders()
    {
        var mapper = Mapper(Engine("RawMessage", new JsonObject
        {
            ["incomingMessageHeaders"] = new JsonObject
            {
                ["ditto-message-thing-id"] = "org.acme:{{ header:device-id }}",
                ["ditto-message-subject"] = "telemetry",
                ["content-type"] = "text/plain",
            },
        }));

        var mapped = Assert.Single(mapper.MapIncoming(Bytes("21.5"u8.ToArray(), "application/octet-stream", ("device-id", "d7"))));

        Assert.Equal("org.acme/d7/things/live/messages/telemetry", mapped.Topic.ToString());
        Assert.Equal("21.5", mapped.Value!.GetValue<string>());
    }

    [Fact]
    public void MapIncoming_should_map_as_ditto_protocol_when_the_content_type_is_ditto_protocol()
    {
        var payload = """{"topic":"org.acme/d1/things/twin/commands/modify","headers":{},"path":"/attributes/a","value":1}""";

        var mapped = Assert.Single(Mapper(Engine("RawMessage")).MapIncoming(Text(payload, "application/vnd.eclipse.ditto+json; charset=utf-8")));

        Assert.Equal(SignalKind.TwinCommand, mapped.Kind);
        Assert.Equal("/attributes/a", mapped.Path);
    }

    [Theory]
    [InlineData("ditto-message-thing-id", "not-a-thing-id", "invalid thing id")]
    [InlineData("ditto-message-direction", "SIDEWAYS", "invalid message direction")]
    [InlineData("status", "abc", "invalid status")]
    public void MapIncoming_should_fail_when_a_message_header_is_invalid(string header, string value, string expected)
    {
        var headers = MessageHeaders.Where(h => h.Item1 != header).Append((header, value)).ToArray();

        var error = Assert.Throws<MessageMappingException>(() => Mapper(Engine("RawMessage")).MapIncoming(Text("x", "text/plain", headers)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapIncoming_should_fail_when_the_thing_id_cannot_be_resolved_or_json_does_not_parse()
    {
        var mapper = Mapper(Engine("RawMessage"));

        Assert.Contains("ditto-message-thing-id", Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(Text("x", "text/plain"))).Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(Text("{", "application/json", MessageHeaders))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapOutgoing_should_send_the_value_of_a_live_message_as_it_is_with_the_message_headers()
    {
        var message = LiveMessage(subject: "hello", value: "plain words", headers: ("content-type", "text/plain"));

        var mapped = Assert.Single(Mapper(Engine("RawMessage")).MapOutgoing(message));

        Assert.Equal("plain words", mapped.TextPayload);
        Assert.Equal("text/plain", mapped.ContentType);
        Assert.Equal("TO", mapped.Headers["ditto-message-direction"]);
        Assert.Equal("org.acme:d1", mapped.Headers["ditto-message-thing-id"]);
        Assert.Equal("hello", mapped.Headers["ditto-message-subject"]);
        Assert.Equal("text/plain", mapped.Headers["content-type"]);
        Assert.False(mapped.Headers.ContainsKey("status"));
    }

    [Fact]
    public void MapOutgoing_should_write_json_in_the_outgoing_content_type_when_the_message_has_none()
    {
        var response = LiveMessage() with { Status = 201, Path = "/features/thermo/outbox/messages/telemetry" };

        var mapped = Assert.Single(Mapper(Engine("RawMessage")).MapOutgoing(response));

        Assert.Equal("""{"temp":21.5}""", mapped.TextPayload);
        Assert.Equal(RawMessageMapper.DefaultOutgoingContentType, mapped.ContentType);
        Assert.Equal("FROM", mapped.Headers["ditto-message-direction"]);
        Assert.Equal("thermo", mapped.Headers["ditto-message-feature-id"]);
        Assert.Equal("201", mapped.Headers["status"]);

        var custom = Mapper(Engine("RawMessage", new JsonObject { ["outgoingContentType"] = "application/json" }));
        Assert.Equal("application/json", Assert.Single(custom.MapOutgoing(LiveMessage())).ContentType);
    }

    [Fact]
    public void MapOutgoing_should_decode_base64_for_a_binary_content_type_and_fail_when_the_value_is_no_base64()
    {
        var mapper = Mapper(Engine("RawMessage"));
        var binary = LiveMessage(value: "AQL/", headers: ("content-type", "application/octet-stream"));

        Assert.Equal(new byte[] { 1, 2, 255 }, Assert.Single(mapper.MapOutgoing(binary)).BytePayload!.Value.ToArray());
        Assert.Contains("base64", Assert.Throws<MessageMappingException>(() => mapper.MapOutgoing(binary with { Value = "not base64!" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapOutgoing_should_map_as_ditto_protocol_when_the_signal_is_no_message_or_has_the_ditto_content_type()
    {
        var mapper = Mapper(Engine("RawMessage"));
        var dittoMessage = LiveMessage() with { Headers = DittoHeaders.Of([KeyValuePair.Create("content-type", DittoProtocolMessage.ContentType)]) };

        Assert.Equal(DittoProtocolMessage.ContentType, Assert.Single(mapper.MapOutgoing(TwinEvent("modified", "/attributes/a", 1))).ContentType);
        var mapped = Assert.Single(mapper.MapOutgoing(dittoMessage));
        Assert.Equal("org.acme/d1/things/live/messages/telemetry", JsonNode.Parse(mapped.TextPayload!)!["topic"]!.GetValue<string>());
    }

    [Fact]
    public void Create_should_refuse_an_incoming_message_header_with_an_invalid_placeholder()
    {
        var context = Engine("RawMessage", new JsonObject { ["incomingMessageHeaders"] = new JsonObject { ["ditto-message-subject"] = "{{ nope:x }}" } });

        var error = Assert.Throws<MapperConfigurationException>(() => Mapper(context));

        Assert.Contains("ditto-message-subject", error.Message, StringComparison.Ordinal);
    }
}
