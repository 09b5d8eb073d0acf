using System.Text.Json.Nodes;
using Connectivity.Model.Protocol;
using Xunit;
using static Connectivity.Service.Tests.Mapping.MappingTestData;

namespace Connectivity.Service.Tests.Mapping;

/// <summary>The JavaScript engine's contract (spec §7.2): entry points, helpers, results.</summary>
public sealed class JavaScriptMessageMapperTests
{
    [Fact]
    public void MapIncoming_should_map_device_telemetry_to_a_live_message_when_given_the_issue_script()
    {
        var mapper = Mapper(JavaScript(TelemetryScript));

        var mapped = Assert.Single(mapper.MapIncoming(Text("""{"temp": 21.5}""", "application/json", ("mqtt.topic", "devices/d1/telemetry"), ("correlation-id", "c-42"))));

        Assert.Equal("org.acme/d1/things/live/messages/telemetry", mapped.Topic.ToString());
        Assert.Equal(SignalKind.LiveMessage, mapped.Kind);
        Assert.Equal("/inbox/messages/telemetry", mapped.Path);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["temp"] = 21.5 }, mapped.Value));
        Assert.Equal("c-42", mapped.Headers.CorrelationId);
        Assert.Equal("application/json", mapped.Headers["content-type"]);
    }

    [Fact]
    public void MapIncoming_should_return_every_message_when_the_script_returns_an_array()
    {
        var mapper = Mapper(JavaScript("""
            function mapToDittoProtocolMsg(headers, textPayload) {
              return JSON.parse(textPayload).map(function (name) {
                return Ditto.buildDittoProtocolMsg('org.acme', name, 'things', 'twin', 'commands', 'modify', '/attributes/seen', {}, true);
              });
            }
            """));

        var mapped = mapper.MapIncoming(Text("""["a","b","c"]"""));

        Assert.Equal(["org.acme:a", "org.acme:b", "org.acme:c"], mapped.Select(m => $"{m.Topic.Namespace}:{m.Topic.EntityName}"));
        Assert.All(mapped, m => Assert.Equal(SignalKind.TwinCommand, m.Kind));
    }

    [Theory]
    [InlineData("return null;")]
    [InlineData("return undefined;")]
    [InlineData("")]
    public void MapIncoming_should_drop_the_message_when_the_script_returns_null_or_undefined(string body)
    {
        var mapper = Mapper(JavaScript($"function mapToDittoProtocolMsg() {{ {body} }}"));

        Assert.Empty(mapper.MapIncoming(Text("{}")));
    }

    [Fact]
    public void MapIncoming_should_give_the_wrapper_the_whole_external_message_when_the_script_redefines_it()
    {
        var mapper = Mapper(JavaScript("""
            function mapToDittoProtocolMsgWrapper(externalMsg) {
              return Ditto.buildDittoProtocolMsg('org.acme', 'd1', 'things', 'twin', 'commands', 'modify', '/attributes/seen', {},
                  { contentType: externalMsg.contentType, header: externalMsg.headers['x-a'], text: externalMsg.textPayload,
                    bytes: externalMsg.bytePayload });
            }
            """));

        var mapped = Assert.Single(mapper.MapIncoming(Text("hello", "text/plain", ("x-a", "1"))));

        Assert.Equal("""{"contentType":"text/plain","header":"1","text":"hello","bytes":null}""", mapped.Value!.ToJsonString());
    }

    [Fact]
    public void MapIncoming_should_hand_bytes_as_an_array_of_numbers_with_the_ditto_helpers_working_on_it()
    {
        var mapper = Mapper(JavaScript("""
            function mapToDittoProtocolMsg(headers, textPayload, bytePayload, contentType) {
              var view = new Uint8Array(bytePayload);
              var value = { first: view[0], length: bytePayload.byteLength, text: Ditto.arrayBufferToString(bytePayload), textPayload: textPayload };
              return Ditto.buildDittoProtocolMsg('org.acme', 'd1', 'things', 'twin', 'commands', 'modify', '/attributes/raw', {}, value);
            }
            """));

        var mapped = Assert.Single(mapper.MapIncoming(Bytes("hi!"u8.ToArray())));

        Assert.Equal("""{"first":104,"length":3,"text":"hi!","textPayload":null}""", mapped.Value!.ToJsonString());
    }

    [Fact]
    public void MapOutgoing_should_build_the_external_message_from_the_topic_parts_and_headers()
    {
        var mapper = Mapper(JavaScript("", """
            function mapFromDittoProtocolMsg(namespace, name, group, channel, criterion, action, path, dittoHeaders, value) {
              return Ditto.buildExternalMsg({ 'x-thing': namespace + ':' + name, 'x-topic': group + '/' + channel + '/' + criterion + '/' + action,
                  'x-count': 2, 'x-correlation': dittoHeaders['correlation-id'] }, JSON.stringify(value), null, 'application/json');
            }
            """));

        var mapped = Assert.Single(mapper.MapOutgoing(LiveMessage(headers: ("correlation-id", "c-1"))));

        Assert.Equal("""{"temp":21.5}""", mapped.TextPayload);
        Assert.Null(mapped.BytePayload);
        Assert.Equal("application/json", mapped.ContentType);
        Assert.Equal("org.acme:d1", mapped.Headers["x-thing"]);
        Assert.Equal("things/live/messages/telemetry", mapped.Headers["x-topic"]);
        Assert.Equal("2", mapped.Headers["x-count"]);
        Assert.Equal("c-1", mapped.Headers["X-Correlation"]);
        Assert.Equal("application/json", mapped.Headers["content-type"]);
    }

    [Fact]
    public void MapOutgoing_should_send_bytes_when_the_script_returns_a_byte_payload()
    {
        var mapper = Mapper(JavaScript("", """
            function mapFromDittoProtocolMsg(namespace, name, group, channel, criterion, action, path, dittoHeaders, value) {
              var bytes = Ditto.stringToArrayBuffer('t=' + value.temp);
              bytes.push(256 + 33);
              return Ditto.buildExternalMsg({}, undefined, bytes, 'application/octet-stream');
            }
            """));

        var mapped = Assert.Single(mapper.MapOutgoing(LiveMessage()));

        Assert.Equal("t=21.5!", Utf8(mapped.BytePayload!.Value));
        Assert.Null(mapped.TextPayload);
    }

    [Fact]
    public void MapOutgoing_should_let_a_redefined_wrapper_see_the_revision_and_channel_none_for_policies()
    {
        var mapper = Mapper(JavaScript("", """
            function mapFromDittoProtocolMsgWrapper(msg) {
              return [Ditto.buildExternalMsg({}, 'revision ' + msg.revision), mapFromDittoProtocolMsg.apply(null, msg.topic.split('/'))];
            }
            function mapFromDittoProtocolMsg(namespace, name, group, channel) { return { textPayload: group + ' ' + channel }; }
            """));

        var mapped = mapper.MapOutgoing(TwinEvent("modified", "/attributes/a", 1));

        Assert.Equal(["revision 7", "things twin"], mapped.Select(m => m.TextPayload));
    }

    [Fact]
    public void MapOutgoing_should_pass_channel_none_and_the_full_subject_when_the_topic_has_no_channel_or_a_slashed_subject()
    {
        var mapper = Mapper(JavaScript("", """
            function mapFromDittoProtocolMsg(namespace, name, group, channel, criterion, action) {
              return { textPayload: [group, channel, criterion, action].join(' ') };
            }
            """));
        var announcement = LiveMessage() with { Topic = new DittoTopic("org.acme", "p1", "policies", null, "announcements", "subjectDeletion") };

        Assert.Equal("policies none announcements subjectDeletion", Assert.Single(mapper.MapOutgoing(announcement)).TextPayload);
        Assert.Equal("things live messages a/b", Assert.Single(mapper.MapOutgoing(LiveMessage(subject: "a/b"))).TextPayload);
    }

    [Fact]
    public void Mapper_should_map_as_ditto_protocol_when_a_script_is_empty()
    {
        var mapper = Mapper(JavaScript("", ""));
        var message = LiveMessage(headers: ("correlation-id", "c-9"));

        var outbound = Assert.Single(mapper.MapOutgoing(message));
        var inbound = Assert.Single(mapper.MapIncoming(Text(outbound.TextPayload!, DittoProtocolMessage.ContentType)));

        Assert.Equal(DittoProtocolMessage.ContentType, outbound.ContentType);
        Assert.Equal(message.Topic, inbound.Topic);
        Assert.Equal("c-9", inbound.Headers.CorrelationId);
    }

    [Fact]
    public void Mapper_should_use_the_default_functions_when_the_script_defines_only_one_direction()
    {
        var mapper = Mapper(JavaScript("var unused = 1;", "var alsoUnused = 2;"));
        var message = LiveMessage();

        var outbound = Assert.Single(mapper.MapOutgoing(message));
        var inbound = Assert.Single(mapper.MapIncoming(Text(outbound.TextPayload!, DittoProtocolMessage.ContentType)));

        Assert.Equal(message.Topic, inbound.Topic);
        Assert.Empty(mapper.MapIncoming(Text("{}", "application/json")));
    }

    [Fact]
    public void Mapper_should_share_one_scope_between_the_incoming_and_the_outgoing_script()
    {
        var mapper = Mapper(JavaScript("function shared(x) { return 'shared ' + x; }", "function mapFromDittoProtocolMsg(ns) { return { textPayload: shared(ns) }; }"));

        Assert.Equal("shared org.acme", Assert.Single(mapper.MapOutgoing(LiveMessage())).TextPayload);
    }
}
