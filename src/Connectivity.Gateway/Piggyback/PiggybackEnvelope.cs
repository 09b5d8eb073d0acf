using System.Text.Json.Nodes;
using Connectivity.Model.Errors;
using Connectivity.Model.Headers;

namespace Connectivity.Gateway.Piggyback;

/// <summary>The body of <c>POST /devops/piggyback</c> (spec §3.1).</summary>
public sealed record PiggybackEnvelope(string TargetActorSelection, DittoHeaders Headers, JsonObject PiggybackCommand, string? ServiceName, string? Instance)
{
    public static PiggybackEnvelope FromJson(JsonObject json)
    {
        var selection = RequiredString(json, "targetActorSelection");
        var headers = json["headers"] switch
        {
            JsonObject h => DittoHeaders.FromJson(h),
            null => throw ConnectivityErrors.JsonFieldMissing("/headers"),
            _ => throw ConnectivityErrors.JsonInvalid("The field 'headers' must be a JSON object."),
        };
        var command = json["piggybackCommand"] switch
        {
            JsonObject c => c,
            null => throw ConnectivityErrors.JsonFieldMissing("/piggybackCommand"),
            _ => throw ConnectivityErrors.JsonInvalid("The field 'piggybackCommand' must be a JSON object."),
        };
        if (command["type"] is null)
        {
            throw ConnectivityErrors.JsonFieldMissing("/piggybackCommand/type");
        }

        return new PiggybackEnvelope(selection, headers, command, OptionalString(json, "serviceName"), OptionalString(json, "instance"));
    }

    private static string RequiredString(JsonObject json, string field) =>
        json[field] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            null => throw ConnectivityErrors.JsonFieldMissing("/" + field),
            _ => throw ConnectivityErrors.JsonInvalid($"The field '{field}' must be a string."),
        };

    private static string? OptionalString(JsonObject json, string field) =>
        json[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
