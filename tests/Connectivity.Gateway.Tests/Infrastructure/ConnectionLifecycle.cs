using System.Text.Json.Nodes;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests.Infrastructure;

/// <summary>Creating connections through piggyback and waiting for what their metrics and status tell.</summary>
public static class ConnectionLifecycle
{
    /// <summary>Creates <paramref name="connection"/> (201) and waits until its live status is open.</summary>
    public static async Task CreateOpenAsync(this HttpClient client, JsonObject connection, TimeSpan deadline)
    {
        var command = Command("createConnection");
        command["connection"] = connection;
        ShouldBeResponse(await client.ConnectionCommandAsync(command), "createConnection", 201);
        await Eventually.UntilAsync(
            () => client.ConnectionCommandAsync(Command("retrieveConnectionStatus", connection["id"]!.GetValue<string>())),
            s => s["liveStatus"]?.GetValue<string>() == "open",
            deadline,
            s => s.ToJsonString());
    }

    /// <summary>The connection's metrics once <paramref name="done"/> holds for them.</summary>
    public static async Task<JsonObject> MetricsWhenAsync(this HttpClient client, string connectionId, Func<JsonObject, bool> done, TimeSpan deadline)
    {
        var (metrics, _) = await Eventually.UntilAsync(
            () => client.ConnectionCommandAsync(Command("retrieveConnectionMetrics", connectionId)), done, deadline, m => m.ToJsonString());
        return metrics;
    }

    /// <summary>The PT1M success (or failure) count of a connection-wide metric, e.g. <c>("outbound", "published")</c>.</summary>
    public static long? Count(JsonObject metrics, string direction, string type, string level = "success") =>
        metrics["connectionMetrics"]?[direction]?[type]?[level]?["PT1M"]?.GetValue<long>();

    /// <summary>The connection log entries.</summary>
    public static async Task<List<JsonObject>> LogEntriesAsync(this HttpClient client, string connectionId)
    {
        var logs = await client.ConnectionCommandAsync(Command("retrieveConnectionLogs", connectionId));
        return [.. (logs["connectionLogs"] as JsonArray ?? []).OfType<JsonObject>()];
    }
}
