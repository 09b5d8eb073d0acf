using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Commands;

/// <summary>
/// Field readers and writers shared by the command, response, event and announcement codecs. Missing fields fail
/// with <c>json.field.missing</c>, wrongly typed ones with <c>json.invalid</c> (spec §1.12).
/// </summary>
internal static class SignalJson
{
    public const string TypeField = "type";
    public const string StatusField = "status";
    public const string ConnectionIdField = "connectionId";
    public const string ConnectionField = "connection";

    public static string RequireType(JsonObject json) => RequireString(json, TypeField);

    public static string RequireString(JsonObject json, string field) => Read(json).RequiredString(field);

    public static string? OptionalString(JsonObject json, string field) => Read(json).String(field);

    public static JsonObject RequireObject(JsonObject json, string field) => Read(json).RequiredObject(field);

    public static int RequireInt(JsonObject json, string field) =>
        Read(json).Int(field) ?? throw ConnectivityErrors.JsonFieldMissing(Pointer(field));

    public static long RequireLong(JsonObject json, string field) => json[field] switch
    {
        null => throw ConnectivityErrors.JsonFieldMissing(Pointer(field)),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) => number,
        _ => throw Invalid(field, "an integer"),
    };

    public static IReadOnlyList<string> RequireStringArray(JsonObject json, string field)
    {
        var read = Read(json);
        return read.Has(field) ? read.Strings(field) : throw ConnectivityErrors.JsonFieldMissing(Pointer(field));
    }

    /// <summary>Reads and validates <c>connectionId</c> (spec §1.2).</summary>
    public static string RequireConnectionId(JsonObject json)
    {
        var id = RequireString(json, ConnectionIdField);
        ConnectionId.Validate(id);
        return id;
    }

    /// <summary>Reads an ISO-8601 instant such as <c>2026-03-03T16:05:55Z</c>.</summary>
    public static DateTimeOffset RequireInstant(JsonObject json, string field)
    {
        var text = RequireString(json, field);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUniversalTime()
            : throw Invalid(field, "an ISO-8601 timestamp");
    }

    /// <summary>
    /// Formats an instant as Java's <c>Instant.toString()</c> does, which is what Ditto puts on the wire: UTC with a
    /// <c>Z</c>, and the fraction omitted when zero, else printed in groups of three digits.
    /// </summary>
    public static string FormatInstant(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var seconds = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fractionTicks = utc.Ticks % TimeSpan.TicksPerSecond;
        var fraction = fractionTicks switch
        {
            0 => string.Empty,
            _ when fractionTicks % TimeSpan.TicksPerMillisecond == 0 => "." + (fractionTicks / TimeSpan.TicksPerMillisecond).ToString("000", CultureInfo.InvariantCulture),
            _ when fractionTicks % TimeSpan.TicksPerMicrosecond == 0 => "." + (fractionTicks / TimeSpan.TicksPerMicrosecond).ToString("000000", CultureInfo.InvariantCulture),
            _ => "." + (fractionTicks * 100).ToString("000000000", CultureInfo.InvariantCulture),
        };
        return seconds + fraction + "Z";
    }

    /// <summary>A connection command's JSON: <c>type</c>, then <c>connectionId</c>.</summary>
    public static JsonObject CommandWithConnectionId(string type, string connectionId) => new()
    {
        [TypeField] = type,
        [ConnectionIdField] = connectionId,
    };

    /// <summary>A response's JSON: <c>type</c>, <c>status</c>, then the payload fields in order.</summary>
    public static JsonObject Response(string type, int status, params ReadOnlySpan<(string Field, JsonNode? Value)> payload)
    {
        var json = new JsonObject
        {
            [TypeField] = type,
            [StatusField] = status,
        };
        foreach (var (field, value) in payload)
        {
            json[field] = value;
        }

        return json;
    }

    private static JsonRead Read(JsonObject json) => new(json, string.Empty);

    private static string Pointer(string field) => "/" + field;

    private static DittoRuntimeException Invalid(string field, string expected) =>
        ConnectivityErrors.JsonInvalid($"The value of the field <{Pointer(field)}> is not {expected}.");
}
