using Connectivity.Model.Protocol;
using Xunit;

namespace Connectivity.Model.Tests.Protocol;

public class DittoTopicTests
{
    public static TheoryData<string, DittoTopic> Topics => new()
    {
        { "org.acme/d1/things/twin/commands/modify", new("org.acme", "d1", "things", "twin", "commands", "modify") },
        { "org.acme/d1/things/twin/events/created", new("org.acme", "d1", "things", "twin", "events", "created") },
        { "org.acme/d1/things/live/commands/retrieve", new("org.acme", "d1", "things", "live", "commands", "retrieve") },
        { "org.acme/d1/things/live/events/merged", new("org.acme", "d1", "things", "live", "events", "merged") },
        { "org.acme/d1/things/live/messages/hello.world", new("org.acme", "d1", "things", "live", "messages", "hello.world") },
        { "org.acme/d1/things/live/messages/sensors/temp/now", new("org.acme", "d1", "things", "live", "messages", "sensors/temp/now") },
        { "org.acme/d1/things/twin/errors", new("org.acme", "d1", "things", "twin", "errors", null) },
        { "org.acme/d1/things/twin/acks", new("org.acme", "d1", "things", "twin", "acks", null) },
        { "org.acme/d1/things/twin/acks/my-ack", new("org.acme", "d1", "things", "twin", "acks", "my-ack") },
        { "_/_/things/twin/search/subscribe", new("_", "_", "things", "twin", "search", "subscribe") },
        { "org.acme/p1/policies/commands/create", new("org.acme", "p1", "policies", null, "commands", "create") },
        { "org.acme/p1/policies/announcements/subjectDeletion", new("org.acme", "p1", "policies", null, "announcements", "subjectDeletion") },
        { "org.acme/p1/policies/errors", new("org.acme", "p1", "policies", null, "errors", null) },
        { "_/conn-1/connections/announcements/opened", new("_", "conn-1", "connections", null, "announcements", "opened") },
        { "_/conn-1/connections/announcements/closed", new("_", "conn-1", "connections", null, "announcements", "closed") },
    };

    [Theory]
    [MemberData(nameof(Topics))]
    public void Parse_should_read_every_part_and_format_back_to_the_same_string(string text, DittoTopic expected)
    {
        var topic = DittoTopic.Parse(text);

        Assert.Equal(expected, topic);
        Assert.Equal(text, topic.ToString());
        Assert.True(DittoTopic.TryParse(text, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Subject_should_be_the_action_of_messages_only()
    {
        var message = DittoTopic.Parse("org.acme/d1/things/live/messages/a/b");
        var command = DittoTopic.Parse("org.acme/d1/things/live/commands/modify");

        Assert.True(message.IsMessage);
        Assert.Equal("a/b", message.Subject);
        Assert.False(command.IsMessage);
        Assert.Null(command.Subject);
    }

    [Theory]
    [InlineData("", "expected at least")]
    [InlineData("org.acme/d1/things", "expected at least")]
    [InlineData("/d1/things/twin/commands/modify", "must not be empty")]
    [InlineData("org.acme//things/twin/commands/modify", "must not be empty")]
    [InlineData("org.acme/d1/devices/twin/commands/modify", "unknown group 'devices'")]
    [InlineData("org.acme/d1/things/smart/commands/modify", "unknown channel 'smart'")]
    [InlineData("org.acme/d1/things/commands/modify", "unknown channel 'commands'")]
    [InlineData("org.acme/d1/things/twin", "the criterion is missing")]
    [InlineData("org.acme/d1/things/twin/orders/x", "unknown criterion 'orders'")]
    [InlineData("org.acme/p1/policies/twin/commands/create", "unknown criterion 'twin'")]
    [InlineData("org.acme/d1/things/twin/commands/fly", "unknown command action 'fly'")]
    [InlineData("org.acme/d1/things/twin/commands", "unknown command action ''")]
    [InlineData("org.acme/d1/things/twin/events/modify", "unknown event action 'modify'")]
    [InlineData("org.acme/d1/things/live/messages", "the message subject is missing")]
    [InlineData("org.acme/d1/things/live/messages/", "the part after the criterion is empty")]
    [InlineData("_/c/connections/announcements", "the announcements action is missing")]
    public void Parse_should_throw_saying_what_is_wrong_when_the_topic_is_invalid(string text, string problem)
    {
        var error = Assert.Throws<DittoProtocolException>(() => DittoTopic.Parse(text));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.False(DittoTopic.TryParse(text, out var parsed));
        Assert.Null(parsed);
    }

    [Fact]
    public void TryParse_should_be_false_for_null() => Assert.False(DittoTopic.TryParse(null, out _));

    [Fact]
    public void ToString_should_omit_channel_and_action_when_absent() =>
        Assert.Equal("org.acme/p1/policies/errors", new DittoTopic("org.acme", "p1", "policies", null, "errors", null).ToString());
}
