using System.Text.Json.Nodes;
using Connectivity.Model.Connections;

namespace Connectivity.Service.Connections;

/// <summary>Snapshot form of a <see cref="ConnectionState"/>: the connection JSON plus revision, timestamps and lifecycle.</summary>
public static class ConnectionSnapshot
{
    public const string Manifest = "connectivity.snapshots:connection";

    public static string ToPayload(ConnectionState state)
    {
        var json = new JsonObject
        {
            ["revision"] = state.Revision,
            ["created"] = state.Created?.ToString("O"),
            ["modified"] = state.Modified?.ToString("O"),
            ["lifecycle"] = state.Deleted ? "DELETED" : "ACTIVE",
            ["connection"] = state.Connection is null ? null : ConnectionJson.ToJson(state.Connection),
        };
        return json.ToJsonString();
    }

    public static ConnectionState FromPayload(string payload)
    {
        var json = JsonNode.Parse(payload)!.AsObject();
        return new ConnectionState(
            json["connection"] is JsonObject connection ? ConnectionJson.FromJson(connection) : null,
            json["lifecycle"]?.GetValue<string>() == "DELETED",
            json["revision"]!.GetValue<long>(),
            ParseTime(json["created"]),
            ParseTime(json["modified"]));
    }

    private static DateTimeOffset? ParseTime(JsonNode? node) =>
        node is null ? null : DateTimeOffset.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
