using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectivity.Service.Mapping;

/// <summary>
/// Typed reads of a mapping definition's <c>options</c> (spec §1.8). Strings are taken as they are, booleans also
/// from <c>"true"</c>/<c>"false"</c>; a value of the wrong type is a <see cref="MapperConfigurationException"/>.
/// </summary>
internal sealed class MapperOptions(JsonObject options)
{
    public static MapperOptions Empty { get; } = new([]);

    public bool Has(string name) => options[name] is not null;

    public string? String(string name) => options[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw Invalid(name, "a string"),
    };

    public string RequiredString(string name) =>
        String(name) ?? throw new MapperConfigurationException($"Mapper configuration is missing the mandatory option <{name}>.")
        {
            Description = $"Add the option '{name}'.",
        };

    public bool Bool(string name, bool fallback) => options[name] switch
    {
        null => fallback,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var b) => b,
        _ => throw Invalid(name, "a boolean"),
    };

    public JsonObject? Object(string name) => options[name] switch
    {
        null => null,
        JsonObject o => (JsonObject)o.DeepClone(),
        _ => throw Invalid(name, "an object"),
    };

    private static MapperConfigurationException Invalid(string name, string expected) =>
        new($"The option <{name}> must be {expected}.") { Description = $"Change the option '{name}' to {expected}." };
}
