using System.Text;
using System.Text.Json.Nodes;
using Connectivity.Model.Protocol;
using Connectivity.Service.Mapping;
using Xunit;
using static Connectivity.Service.Tests.Mapping.MappingTestData;

namespace Connectivity.Service.Tests.Mapping;

/// <summary>The <c>CloudEvents</c> engine (spec §7.1): Ditto Protocol messages in structured and binary CloudEvents.</summary>
public sealed class CloudEventsMessageMapperTests
{
    private const string Command = """{"topic":"org.acme/d1/things/twin/commands/modify","headers":{"correlation-id":"c-1"},"path":"/attributes/a","value":1}""";

    [Fact]
    public void MapIncoming_should_read_the_message_from_data_of_a_structured_event()
    {
        var cloudEvent = $$"""{"specversion":"1.0","id":"e-1","source":"devices","type":"com.acme.update","data":{{Command}}}""";

        var mapped = Assert.Single(Mapper(Engine("CloudEvents")).MapIncoming(Text(cloudEvent, "application/cloudevents+json")));

        Assert.Equal("org.acme/d1/things/twin/commands/modify", mapped.Topic.ToString());
        Assert.Equal("c-1", mapped.Headers.CorrelationId);
    }

    [Fact]
    public void MapIncoming_should_decode_data_base64_of_a_structured_event()
    {
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(Command));
        var cloudEvent = $$"""{"specversion":"1.0","id":"e-1","source":"devices","type":"com.acme.update","data_base64":"{{data}}"}""";

        var mapped = Assert.Single(Mapper(Engine("CloudEvents")).MapIncoming(Text(cloudEvent, "application/cloudevents+json; charset=utf-8")));

        Assert.Equal("/attributes/a", mapped.Path);
    }

    [Fact]
    public void MapIncoming_should_fail_when_a_structured_event_lacks_an_attribute_or_data()
    {
        var mapper = Mapper(Engine("CloudEvents"));

        var noId = Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(
            Text($$"""{"specversion":"1.0","source":"devices","type":"t","data":{{Command}}}""", "application/cloudevents+json")));
        var noData = Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(
            Text("""{"specversion":"1.0","id":"e","source":"devices","type":"t"}""", "application/cloudevents+json")));

        Assert.Contains("id", noId.Message, StringComparison.Ordinal);
        Assert.Contains("neither 'data' nor 'data_base64'", noData.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapIncoming_should_read_a_binary_event_from_the_payload_when_the_ce_headers_are_there()
    {
        var mapper = Mapper(Engine("CloudEvents"));
        var binary = Text(Command, DittoProtocolMessage.ContentType, ("ce-id", "e-1"), ("ce-source", "devices"), ("ce-type", "t"), ("ce-specversion", "1.0"));

        Assert.Equal(SignalKind.TwinCommand, Assert.Single(mapper.MapIncoming(binary)).Kind);
        var error = Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(Text(Command, DittoProtocolMessage.ContentType, ("ce-id", "e-1"))));
        Assert.Contains("ce-source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapIncoming_should_drop_messages_of_other_content_types()
    {
        Assert.Empty(Mapper(Engine("CloudEvents")).MapIncoming(Text(Command, "application/json")));
    }

    [Fact]
    public void MapOutgoing_should_wrap_the_signal_in_a_structured_event()
    {
        var mapped = Assert.Single(Mapper(Engine("CloudEvents")).MapOutgoing(TwinEvent("modified", "/attributes/a", 1)));

        var cloudEvent = JsonNode.Parse(mapped.TextPayload!)!;
        Assert.Equal("application/cloudevents+json", mapped.ContentType);
        Assert.Equal("application/cloudevents+json", mapped.Headers["content-type"]);
        Assert.Equal("1.0", cloudEvent["specversion"]!.GetValue<string>());
        Assert.Equal("org.eclipse.ditto", cloudEvent["source"]!.GetValue<string>());
        Assert.Equal("org.eclipse.ditto.outbound", cloudEvent["type"]!.GetValue<string>());
        Assert.True(Guid.TryParse(cloudEvent["id"]!.GetValue<string>(), out _));
        Assert.Equal("org.acme/d1/things/twin/events/modified", cloudEvent["data"]!["topic"]!.GetValue<string>());
        Assert.Equal(7, cloudEvent["data"]!["revision"]!.GetValue<long>());
    }
}
