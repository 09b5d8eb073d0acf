using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;

namespace Connectivity.Model.Tests.Commands;

/// <summary>Shared sample data for the signal codec tests.</summary>
internal static class SampleSignals
{
    public const string ConnectionId = "my-conn";

    public static DittoHeaders Headers { get; } = DittoHeaders.Empty.With(DittoHeaders.CorrelationIdKey, "corr-1");

    public static DateTimeOffset Instant { get; } = new(2026, 3, 3, 16, 5, 55, 123, TimeSpan.Zero);

    public static JsonObject ConnectionJsonSample() => new()
    {
        ["id"] = ConnectionId,
        ["connectionType"] = "amqp-091",
        ["connectionStatus"] = "open",
        ["uri"] = "amqps://user:secret@broker.example.com:5671",
        ["sources"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray("telemetry"),
            ["authorizationContext"] = new JsonArray("nginx:ditto"),
        }),
        ["tags"] = new JsonArray("blue"),
    };

    public static Connection Connection() => ConnectionJson.FromJson(ConnectionJsonSample());
}
