using System.Text.Json;
using System.Text.Json.Nodes;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Connections;

/// <summary>
/// Typed field access on a JSON object that fails like Ditto's parser: a missing required field is
/// <c>json.field.missing</c> naming its pointer, a value of the wrong type is <c>json.invalid</c>.
/// </summary>
internal sealed record JsonRead(JsonObject Json, string Pointer)
{
    public bool Has(string field) => Json[field] is not null;

    public string FieldPointer(string field) => $"{Pointer}/{field}";

    public JsonRead Child(string field, JsonObject json) => new(json, FieldPointer(field));

    public string RequiredString(string field) => String(field) ?? throw ConnectivityErrors.JsonFieldMissing(FieldPointer(field));

    public string? String(string field) =>
        Json[field] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => throw WrongType(field, "string"),
        };

    public int? Int(string field) =>
        Json[field] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) => number,
            JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number)
                                 && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue => (int)number,
            _ => throw WrongType(field, "int"),
        };

    public bool? Bool(string field) =>
        Json[field] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
            _ => throw WrongType(field, "boolean"),
        };

    public bool RequiredBool(string field) => Bool(field) ?? throw ConnectivityErrors.JsonFieldMissing(FieldPointer(field));

    public JsonObject? Object(string field) =>
        Json[field] switch
        {
            null => null,
            JsonObject obj => obj,
            _ => throw WrongType(field, "object"),
        };

    public JsonObject RequiredObject(string field) => Object(field) ?? throw ConnectivityErrors.JsonFieldMissing(FieldPointer(field));

    public JsonArray? Array(string field) =>
        Json[field] switch
        {
            null => null,
            JsonArray array => array,
            _ => throw WrongType(field, "array"),
        };

    /// <summary>A string array; non-string entries are an error.</summary>
    public IReadOnlyList<string> Strings(string field) =>
        Array(field)?.Select(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw WrongType(field, "array of strings")).ToList() ?? [];

    /// <summary>A string map; non-string values are stringified (<c>true</c> becomes <c>"true"</c>), nulls skipped.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string field) =>
        EquatableMap<string>.From(Object(field)?
            .Where(entry => entry.Value is not null)
            .Select(entry => KeyValuePair.Create(entry.Key, Stringify(entry.Value!))));

    public static string Stringify(JsonNode node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node.ToJsonString();

    private DittoRuntimeException WrongType(string field, string expected) =>
        ConnectivityErrors.JsonInvalid(
            $"Value <{Json[field]?.ToJsonString()}> for <{FieldPointer(field)}> is not of type <{expected}>!",
            "Check the type of the JSON field.");
}
