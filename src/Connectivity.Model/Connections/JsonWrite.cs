using System.Text.Json.Nodes;

namespace Connectivity.Model.Connections;

/// <summary>Small builders for the emitted JSON.</summary>
internal static class JsonWrite
{
    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)v)];

    public static JsonObject Map(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var json = new JsonObject();
        foreach (var (key, value) in entries)
        {
            json[key] = value;
        }

        return json;
    }
}
