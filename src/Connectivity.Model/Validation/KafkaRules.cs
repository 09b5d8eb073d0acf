using System.Text.RegularExpressions;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Validation;

/// <summary>
/// Kafka rules (spec §8.5): <c>bootstrapServers</c> required, topic characters, source QoS 0/1, target address
/// forms <c>topic</c>, <c>topic/key</c>, <c>topic#partition</c> (placeholders allowed) and the consumer config.
/// The SSH tunnel ban is checked with the other tunnel rules.
/// </summary>
internal static partial class KafkaRules
{
    public static void Check(Connection connection)
    {
        var config = connection.SpecificConfig;
        if (!config.TryGetValue("bootstrapServers", out var bootstrapServers))
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                "The specificConfig 'bootstrapServers' is missing.", "Add 'bootstrapServers' as a comma list of host:port.");
        }

        if (!BootstrapServersRegex().IsMatch(bootstrapServers))
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The specificConfig 'bootstrapServers' <{bootstrapServers}> is invalid.", "It must be a comma list of host:port.");
        }

        CheckOneOf(config, "saslMechanism", "plain", "scram-sha-256", "scram-sha-512");
        CheckOneOf(config, "consumerOffsetReset", "earliest", "latest");
        if (config.TryGetValue("groupId", out var groupId) && !TopicRegex().IsMatch(groupId))
        {
            throw ConnectivityErrors.ConfigurationInvalid($"The specificConfig 'groupId' <{groupId}> is invalid.", "Allowed characters are [a-zA-Z0-9._-].");
        }

        foreach (var source in connection.Sources)
        {
            var invalid = source.Addresses.FirstOrDefault(a => !TopicRegex().IsMatch(a));
            if (invalid is not null)
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The source address '{invalid}' is not a valid Kafka topic.", "Allowed characters are [a-zA-Z0-9._-].");
            }

            if (source.Qos is not (null or 0 or 1))
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The Kafka source QoS {source.Qos} is invalid.", "Use 0 (at most once) or 1 (at least once).");
            }
        }

        var invalidTarget = connection.Targets.FirstOrDefault(t => !IsValidTargetAddress(t.Address));
        if (invalidTarget is not null)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The target address '{invalidTarget.Address}' is invalid.",
                "A Kafka target address is 'topic', 'topic/key' or 'topic#partition' with a non-empty key or partition number.");
        }
    }

    private static bool IsValidTargetAddress(string address)
    {
        var keySeparator = address.IndexOf('/', StringComparison.Ordinal);
        var partitionSeparator = address.IndexOf('#', StringComparison.Ordinal);
        if (keySeparator >= 0)
        {
            return IsTopicOrPlaceholder(address[..keySeparator]) && address.Length > keySeparator + 1;
        }

        if (partitionSeparator >= 0)
        {
            var partition = address[(partitionSeparator + 1)..];
            return IsTopicOrPlaceholder(address[..partitionSeparator])
                   && (PartitionRegex().IsMatch(partition) || (partition.Length > 0 && PlaceholderTemplate.Expressions(partition) is [_, ..]));
        }

        return IsTopicOrPlaceholder(address);
    }

    private static bool IsTopicOrPlaceholder(string topic) =>
        topic.Length > 0 && PlaceholderTemplate.Expressions(topic) is { } expressions
        && (expressions.Count > 0 ? PlaceholderTemplate.IsValid(topic) : TopicRegex().IsMatch(topic));

    private static void CheckOneOf(IReadOnlyDictionary<string, string> config, string key, params string[] allowed)
    {
        if (config.TryGetValue(key, out var value) && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The specificConfig '{key}' <{value}> is invalid.", $"Allowed values are: {string.Join(", ", allowed)}.");
        }
    }

    [GeneratedRegex(@"^[^\s:,/]+:[0-9]{1,5}(\s*,\s*[^\s:,/]+:[0-9]{1,5})*$", RegexOptions.CultureInvariant)]
    private static partial Regex BootstrapServersRegex();

    [GeneratedRegex(@"^[a-zA-Z0-9._\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TopicRegex();

    [GeneratedRegex("^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionRegex();
}
