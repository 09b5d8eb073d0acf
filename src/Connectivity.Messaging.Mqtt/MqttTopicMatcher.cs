namespace Connectivity.Messaging.Mqtt;

/// <summary>Whether a topic name matches a topic filter (MQTT 5 §4.7): <c>+</c> one level, <c>#</c> the rest, <c>$</c> topics only by explicit filters.</summary>
internal static class MqttTopicMatcher
{
    public static bool Matches(string filter, string topic)
    {
        if (topic.StartsWith('$') && (filter.StartsWith('+') || filter.StartsWith('#')))
        {
            return false;
        }

        var filterLevels = filter.Split('/');
        var topicLevels = topic.Split('/');
        for (var i = 0; i < filterLevels.Length; i++)
        {
            switch (filterLevels[i])
            {
                case "#":
                    return true;
                case "+" when i < topicLevels.Length:
                    continue;
                case var level when i < topicLevels.Length && level == topicLevels[i]:
                    continue;
                default:
                    return false;
            }
        }

        return filterLevels.Length == topicLevels.Length;
    }
}
