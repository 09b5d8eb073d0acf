using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Connectivity.Gateway.Tests.Infrastructure;

/// <summary>HTTP helpers for the gateway: JSON bodies, piggyback envelopes and asserting error answers.</summary>
public static class Api
{
    public const string ConnectionsPath = "/api/2/connections";
    public const string PiggybackPath = "/devops/piggyback/connectivity";
    public const string ShardRegion = "/system/sharding/connection";
    public const string IdsRetrieval = "/user/connectivityRoot/connectionIdsRetrieval";
    public const string CommandPrefix = "connectivity.commands:";
    public const string ResponsePrefix = "connectivity.responses:";

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent Text(string text, string mediaType = "text/plain") => new(text, Encoding.UTF8, mediaType);

    public static Uri Route(string path) => new(path, UriKind.Relative);

    public static Uri ConnectionPath(string id, string suffix = "") => Route($"{ConnectionsPath}/{id}{suffix}");

    /// <summary>A piggyback envelope with <c>aggregate</c> set.</summary>
    public static JsonObject Envelope(string target, JsonObject command, bool aggregate = false) => new()
    {
        ["targetActorSelection"] = target,
        ["headers"] = new JsonObject { ["aggregate"] = aggregate },
        ["piggybackCommand"] = command.DeepClone(),
    };

    public static JsonObject Command(string type, string? connectionId = null)
    {
        var command = new JsonObject { ["type"] = type.Contains(':', StringComparison.Ordinal) ? type : CommandPrefix + type };
        if (connectionId is not null)
        {
            command["connectionId"] = connectionId;
        }

        return command;
    }

    /// <summary>Sends a piggyback envelope, requires HTTP 200 and returns the (unwrapped when aggregate=false) body.</summary>
    public static async Task<JsonObject> PiggybackAsync(this HttpClient client, string target, JsonObject command, bool aggregate = false)
    {
        using var response = await client.PostAsync(Route(PiggybackPath), Json(Envelope(target, command, aggregate)));
        return await response.ShouldBeJsonObjectAsync(HttpStatusCode.OK);
    }

    public static Task<JsonObject> ConnectionCommandAsync(this HttpClient client, JsonObject command) =>
        client.PiggybackAsync(ShardRegion, command);

    /// <summary>Creates a connection through <c>PUT</c> and requires 201.</summary>
    public static async Task<JsonObject> PutNewAsync(this HttpClient client, JsonObject connection)
    {
        var id = connection["id"]!.GetValue<string>();
        using var response = await client.PutAsync(ConnectionPath(id), Json(connection));
        return await response.ShouldBeJsonObjectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonObject> GetJsonObjectAsync(this HttpClient client, Uri path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        return await response.ShouldBeJsonObjectAsync(expected);
    }

    public static async Task<string> BodyAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    /// <summary>Requires the status and a JSON object body; the failure message shows the body.</summary>
    public static async Task<JsonObject> ShouldBeJsonObjectAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.BodyAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        var json = ParseOrNull(body);
        Assert.True(json is JsonObject, $"expected a JSON object body with status {(int)expected}, got: '{body}'");
        return (JsonObject)json!;
    }

    public static async Task<JsonArray> ShouldBeJsonArrayAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.BodyAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        var json = ParseOrNull(body);
        Assert.True(json is JsonArray, $"expected a JSON array body, got: '{body}'");
        return (JsonArray)json!;
    }

    /// <summary>Requires Ditto's error JSON with the HTTP status, the same <c>status</c> inside, the error code and a message.</summary>
    public static async Task<JsonObject> ShouldBeErrorAsync(this HttpResponseMessage response, HttpStatusCode expected, string errorCode)
    {
        var json = await response.ShouldBeJsonObjectAsync(expected);
        ShouldBeError(json, (int)expected, errorCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
        return json;
    }

    /// <summary>Requires an error JSON object (status, error, message) with the given status and code.</summary>
    public static void ShouldBeError(JsonObject json, int status, string errorCode)
    {
        Assert.True(json["status"]?.GetValue<int>() == status, $"expected status {status}: {json.ToJsonString()}");
        Assert.True(json["error"]?.GetValue<string>() == errorCode, $"expected error {errorCode}: {json.ToJsonString()}");
        Assert.False(string.IsNullOrWhiteSpace(json["message"]?.GetValue<string>()), $"expected a message: {json.ToJsonString()}");
    }

    /// <summary>Requires the response type (with the responses prefix) and status of a piggyback answer.</summary>
    public static void ShouldBeResponse(JsonObject json, string type, int status)
    {
        var fullType = type.Contains(':', StringComparison.Ordinal) ? type : ResponsePrefix + type;
        Assert.True(json["type"]?.GetValue<string>() == fullType, $"expected type {fullType}: {json.ToJsonString()}");
        Assert.True(json["status"]?.GetValue<int>() == status, $"expected status {status}: {json.ToJsonString()}");
    }

    private static JsonNode? ParseOrNull(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static string[] Strings(JsonNode? array) =>
        array is JsonArray items ? items.Select(n => n!.GetValue<string>()).ToArray() : [];

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
