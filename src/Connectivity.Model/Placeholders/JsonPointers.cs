using System.Globalization;
using System.Text.Json.Nodes;

namespace Connectivity.Model.Placeholders;

/// <summary>JSON pointer look-ups (RFC 6901, leading slash optional) and Ditto's way of turning JSON into placeholder text.</summary>
internal static class JsonPointers
{
    /// <summary>The node at <paramref name="pointer"/>; false when absent. <c>/</c> or empty is the root.</summary>
    public static bool TryGet(JsonNode? root, string pointer, out JsonNode? value)
    {
        value = root;
        var trimmed = pointer.Trim().TrimStart('/');
        if (trimmed.Length == 0)
        {
            return root is not null;
        }

        foreach (var raw in trimmed.Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            switch (value)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                    value = child;
                    break;
                case JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                    value = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }

    /// <summary>Text of a JSON value as Ditto formats it for placeholders: strings unquoted, anything else as JSON.</summary>
    public static string ToText(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>Placeholder values of a JSON value: the elements of an array, otherwise the value itself.</summary>
    public static IReadOnlyList<string> ToValues(JsonNode? node) =>
        node is JsonArray array ? array.Select(ToText).ToList() : [ToText(node)];
}
