using System.Text.Json.Nodes;

namespace Connectivity.Service.Mapping;

/// <summary>
/// JSON operations of the <c>Normalized</c> engine, as Ditto's JSON library does them: set a value at a pointer
/// (creating the objects on the way), merge with enriched <c>extra</c> fields, project by a field selector, and drop
/// <c>null</c>s and empty objects from a merge.
/// </summary>
internal static class NormalizedJson
{
    /// <summary>The segments of a JSON pointer such as <c>/features/f/properties/a</c>; none for the root.</summary>
    public static string[] Segments(string pointer) => pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Sets <paramref name="value"/> at <paramref name="segments"/> below <paramref name="target"/>; a non-object on the way is replaced.</summary>
    public static void SetAt(JsonObject target, IReadOnlyList<string> segments, JsonNode? value)
    {
        var current = target;
        foreach (var segment in segments.Take(segments.Count - 1))
        {
            if (current[segment] is not JsonObject child)
            {
                child = [];
                current[segment] = child;
            }

            current = child;
        }

        current[segments[^1]] = value;
    }

    /// <summary>
    /// <paramref name="primary"/> with the fields of <paramref name="secondary"/> it lacks; where both have an object
    /// the objects are merged the same way, otherwise the primary value wins.
    /// </summary>
    public static JsonObject Merge(JsonObject primary, JsonObject secondary)
    {
        var merged = (JsonObject)primary.DeepClone();
        foreach (var (key, value) in secondary)
        {
            if (!merged.TryGetPropertyValue(key, out var existing))
            {
                merged[key] = value?.DeepClone();
            }
            else if (existing is JsonObject left && value is JsonObject right)
            {
                merged[key] = Merge(left, right);
            }
        }

        return merged;
    }

    /// <summary>The parts of <paramref name="json"/> at <paramref name="pointers"/>, at the same place; missing ones are left out.</summary>
    public static JsonObject Select(JsonObject json, IEnumerable<string> pointers)
    {
        var selected = new JsonObject();
        foreach (var segments in pointers.Select(Segments).Where(s => s.Length > 0))
        {
            if (TryGet(json, segments, out var value))
            {
                SetAt(selected, segments, value?.DeepClone());
            }
        }

        return selected;
    }

    /// <summary>A copy without <c>null</c> fields and without objects that end up empty, at every level of objects.</summary>
    public static JsonObject WithoutNullsAndEmptyObjects(JsonObject json)
    {
        var result = new JsonObject();
        foreach (var (key, value) in json)
        {
            switch (value)
            {
                case null:
                    break;
                case JsonObject child:
                    var filtered = WithoutNullsAndEmptyObjects(child);
                    if (filtered.Count > 0)
                    {
                        result[key] = filtered;
                    }

                    break;
                default:
                    result[key] = value.DeepClone();
                    break;
            }
        }

        return result;
    }

    private static bool TryGet(JsonObject json, IEnumerable<string> segments, out JsonNode? value)
    {
        value = json;
        foreach (var segment in segments)
        {
            if (value is not JsonObject current || !current.TryGetPropertyValue(segment, out value))
            {
                value = null;
                return false;
            }
        }

        return true;
    }
}
