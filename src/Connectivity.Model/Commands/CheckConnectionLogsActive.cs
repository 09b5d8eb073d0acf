using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>Internal: asks whether a connection's logging is still active at <see cref="Timestamp"/> (spec §3.4).</summary>
public sealed record CheckConnectionLogsActive(string ConnectionId, DateTimeOffset Timestamp, DittoHeaders Headers) : IConnectionCommand
{
    public const string TypeName = "connectivity.commands:checkConnectionLogsActive";

    private const string TimestampField = "timestamp";

    public string Type => TypeName;

    public JsonObject ToJson()
    {
        var json = SignalJson.CommandWithConnectionId(TypeName, ConnectionId);
        json[TimestampField] = SignalJson.FormatInstant(Timestamp);
        return json;
    }

    public static CheckConnectionLogsActive FromJson(JsonObject json, DittoHeaders headers) =>
        new(SignalJson.RequireConnectionId(json), SignalJson.RequireInstant(json, TimestampField), headers);
}
