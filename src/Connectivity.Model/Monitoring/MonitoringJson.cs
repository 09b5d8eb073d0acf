using System.Text.Json.Nodes;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Monitoring;

/// <summary>Reading helpers for the monitoring JSON; malformed input becomes Ditto's <c>json.invalid</c> (400).</summary>
internal static class MonitoringJson
{
    public const string InvalidJsonError = "json.invalid";

    public static DittoRuntimeException Invalid(string message) => new(400, InvalidJsonError, message);

    public static string RequiredString(JsonObject json, string key) =>
        OptionalString(json, key) ?? throw Invalid($"The JSON field <{key}> is missing or not a string.");

    public static string? OptionalString(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static DateTimeOffset? OptionalInstant(JsonObject json, string key)
    {
        var text = OptionalString(json, key);
        if (text is null)
        {
            return null;
        }

        try
        {
            return JavaInstant.Parse(text);
        }
        catch (FormatException e)
        {
            throw new DittoRuntimeException(400, InvalidJsonError, $"The JSON field <{key}> is not a timestamp: <{text}>.", inner: e);
        }
    }

    public static TEnum RequiredEnum<TEnum>(JsonObject json, string key)
        where TEnum : struct, Enum
    {
        var text = RequiredString(json, key);
        return WireName.TryParse<TEnum>(text, out var value)
            ? value
            : throw Invalid($"The JSON field <{key}> has the invalid value <{text}>.");
    }

    public static JsonObject? OptionalObject(JsonObject json, string key) => json[key] as JsonObject;

    public static IEnumerable<JsonObject> Objects(JsonObject json, string key) =>
        json[key] is JsonArray array ? array.OfType<JsonObject>() : [];
}
