using System.Text.Json.Nodes;
using Connectivity.Model.Protocol;

namespace Connectivity.Model.Placeholders;

/// <summary>
/// The thing JSON that <c>thing-json:</c> placeholders read for a things signal: the enriched <c>extra</c> fields,
/// overlaid with the command's or event's value placed at its path (<c>/attributes/x</c> with value 5 gives
/// <c>{"attributes":{"x":5}}</c>), plus <c>thingId</c>. Messages, errors and other groups contribute only <c>extra</c>.
/// </summary>
internal static class SignalThingJson
{
    public static JsonObject? From(DittoProtocolMessage message)
    {
        if (message.Topic.Group != DittoTopic.ThingsGroup)
        {
            return null;
        }

        var thing = message.Extra?.DeepClone() as JsonObject ?? [];
        if (message.Topic.Criterion is DittoTopic.CommandsCriterion or DittoTopic.EventsCriterion && message.Value is { } value)
        {
            Overlay(thing, message.Path, value);
        }

        if (!thing.ContainsKey("thingId"))
        {
            thing["thingId"] = message.Topic.Namespace + ":" + message.Topic.EntityName;
        }

        return thing;
    }

    private static void Overlay(JsonObject thing, string path, JsonNode value)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .ToArray();
        if (segments.Length == 0)
        {
            if (value is JsonObject whole)
            {
                foreach (var (key, field) in whole)
                {
                    thing[key] = field?.DeepClone();
                }
            }

            return;
        }

        var parent = thing;
        foreach (var segment in segments[..^1])
        {
            if (parent[segment] is not JsonObject child)
            {
                child = [];
                parent[segment] = child;
            }

            parent = child;
        }

        parent[segments[^1]] = value.DeepClone();
    }
}
