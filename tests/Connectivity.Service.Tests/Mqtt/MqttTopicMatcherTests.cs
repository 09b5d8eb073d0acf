using Connectivity.Messaging.Mqtt;
using Xunit;

namespace Connectivity.Service.Tests.Mqtt;

public sealed class MqttTopicMatcherTests
{
    [Theory]
    [InlineData("a/b", "a/b", true)]
    [InlineData("a/+", "a/b", true)]
    [InlineData("a/+", "a/b/c", false)]
    [InlineData("a/#", "a", true)]
    [InlineData("a/#", "a/b/c", true)]
    [InlineData("#", "a/b", true)]
    [InlineData("#", "$SYS/broker", false)]
    [InlineData("+/b", "$SYS/b", false)]
    [InlineData("$SYS/#", "$SYS/broker", true)]
    [InlineData("a/+/c", "a//c", true)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    public void MqttTopicMatcher_should_follow_the_wildcard_rules_when_matching(string filter, string topic, bool matches)
    {
        Assert.Equal(matches, MqttTopicMatcher.Matches(filter, topic));
    }
}
