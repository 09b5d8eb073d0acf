using Connectivity.Model.Connections;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Validation;

/// <summary>
/// MQTT rules (spec §8.3): QoS 0..2 on every source and target, valid topic filters and topics, the specificConfig
/// values; for MQTT 3.1.1 also clientCount 1, consumerCount ≤ 1 and the header restrictions of a protocol without headers.
/// </summary>
internal static class MqttRules
{
    private static readonly HashSet<string> MqttHeaders = new(StringComparer.Ordinal) { "mqtt.topic", "mqtt.qos", "mqtt.retain" };

    private const string SourceAddressPlaceholder = "{{ source:address }}";

    private static readonly string[] BooleanKeys = ["separatePublisherClient", "cleanSession", "reconnectForRedelivery", "lastWillRetain"];

    private static readonly TimeSpan MaxKeepAlive = TimeSpan.FromSeconds(ushort.MaxValue);

    public static void Check(Connection connection)
    {
        foreach (var source in connection.Sources)
        {
            CheckQos(source.Qos, $"source with addresses [{string.Join(", ", source.Addresses)}]");
            var invalid = source.Addresses.FirstOrDefault(a => !IsValidTopicFilter(a));
            if (invalid is not null)
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The source address '{invalid}' is not a valid MQTT topic filter.", "'#' may only be the last level and '+' must fill a whole level.");
            }
        }

        foreach (var target in connection.Targets)
        {
            CheckQos(target.Qos, $"target with address '{target.Address}'");
            if (target.Address.Contains('#', StringComparison.Ordinal) || target.Address.Contains('+', StringComparison.Ordinal))
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The target address '{target.Address}' must not contain MQTT wildcards.", "Publish to a concrete topic.");
            }
        }

        CheckSpecificConfig(connection.SpecificConfig);
        if (connection.Type == ConnectionType.Mqtt)
        {
            CheckMqtt311(connection);
        }
    }

    /// <summary>
    /// The specificConfig keys of spec §8.3 with a value format: booleans, <c>keepAlive</c> 0..65535 s,
    /// <c>reconnectForRedeliveryDelay</c> a duration, <c>lastWillQos</c> 0..2 and <c>lastWillTopic</c> a topic without wildcards.
    /// </summary>
    private static void CheckSpecificConfig(IReadOnlyDictionary<string, string> config)
    {
        foreach (var key in BooleanKeys)
        {
            if (config.TryGetValue(key, out var flag) && !bool.TryParse(flag, out _))
            {
                throw ConnectivityErrors.ConfigurationInvalid($"The specificConfig '{key}' <{flag}> is invalid.", "It must be true or false.");
            }
        }

        if (config.TryGetValue("keepAlive", out var keepAlive)
            && !(SpecificConfigDurations.Parse(keepAlive) is { } interval && interval <= MaxKeepAlive))
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The specificConfig 'keepAlive' <{keepAlive}> is invalid.", "It must be a duration between 0 and 65535s, e.g. 60s.");
        }

        if (config.TryGetValue("reconnectForRedeliveryDelay", out var delay) && SpecificConfigDurations.Parse(delay) is null)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The specificConfig 'reconnectForRedeliveryDelay' <{delay}> is invalid.", "It must be a duration, e.g. 10s.");
        }

        if (config.TryGetValue("lastWillQos", out var willQos) && willQos is not ("0" or "1" or "2"))
        {
            throw ConnectivityErrors.ConfigurationInvalid($"The specificConfig 'lastWillQos' <{willQos}> is invalid.", "Set it to 0, 1 or 2.");
        }

        if (config.TryGetValue("lastWillTopic", out var willTopic)
            && (willTopic.Length == 0 || willTopic.Contains('#', StringComparison.Ordinal) || willTopic.Contains('+', StringComparison.Ordinal)))
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The specificConfig 'lastWillTopic' <{willTopic}> is not a valid MQTT topic.", "Use a non-empty topic without wildcards.");
        }
    }

    private static void CheckMqtt311(Connection connection)
    {
        if (connection.ClientCount != 1)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The clientCount of an MQTT 3.1.1 connection must be 1, but was {connection.ClientCount}.", "Use mqtt-5 or set clientCount to 1.");
        }

        foreach (var source in connection.Sources)
        {
            if (source.ConsumerCount > 1)
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The consumerCount of an MQTT 3.1.1 source must not exceed 1, but was {source.ConsumerCount}.", "Set consumerCount to 1.");
            }

            var badHeader = source.HeaderMapping.FirstOrDefault(h => !IsAllowedSourceHeaderValue(h.Value));
            if (badHeader.Key is not null)
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The header mapping '{badHeader.Key}: {badHeader.Value}' is not supported by MQTT 3.1.1.",
                    "MQTT 3.1.1 sources may map constant values or {{ header:mqtt.topic }}, {{ header:mqtt.qos }}, {{ header:mqtt.retain }} only.");
            }

            if (source.AuthorizationContext.Any(s => PlaceholderTemplate.Uses(s, "header")))
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    "The authorizationContext of an MQTT 3.1.1 source must not use header placeholders.", "MQTT 3.1.1 has no headers.");
            }

            if (source.Enforcement is { } enforcement && PlaceholderTemplate.Expressions(enforcement.Input) is not ["source:address"])
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The enforcement input '{enforcement.Input}' is not supported by MQTT 3.1.1.", $"Use '{SourceAddressPlaceholder}'.");
            }
        }

        var badTargetHeader = connection.Targets.SelectMany(t => t.HeaderMapping.Keys).FirstOrDefault(k => !MqttHeaders.Contains(k));
        if (badTargetHeader is not null)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The target header mapping key '{badTargetHeader}' is not supported by MQTT 3.1.1.",
                "MQTT 3.1.1 targets may map mqtt.topic, mqtt.qos and mqtt.retain only.");
        }
    }

    private static void CheckQos(int? qos, string what)
    {
        if (qos is not (0 or 1 or 2))
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                qos is null ? $"MQTT {what} must have a QoS." : $"MQTT {what} has the invalid QoS {qos}.",
                "Set 'qos' to 0, 1 or 2.");
        }
    }

    private static bool IsAllowedSourceHeaderValue(string value) =>
        PlaceholderTemplate.Expressions(value) is { } expressions
        && expressions.All(e => e.StartsWith("header:", StringComparison.Ordinal) && MqttHeaders.Contains(e["header:".Length..].Trim()));

    private static bool IsValidTopicFilter(string filter)
    {
        if (filter.Length == 0)
        {
            return false;
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if ((level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1))
                || (level.Contains('+', StringComparison.Ordinal) && level != "+"))
            {
                return false;
            }
        }

        return true;
    }
}
