using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>Asks for the aggregated connection logs; also extends the logging expiry (spec §4.2, §5.2).</summary>
public sealed record RetrieveConnectionLogs(string ConnectionId, DittoHeaders Headers) : IConnectionCommand
{
    public const string TypeName = "connectivity.commands:retrieveConnectionLogs";

    public string Type => TypeName;

    public JsonObject ToJson() => SignalJson.CommandWithConnectionId(TypeName, ConnectionId);

    public static RetrieveConnectionLogs FromJson(JsonObject json, DittoHeaders headers) => new(SignalJson.RequireConnectionId(json), headers);
}
