using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>Clears the connection logs of a connection's running clients (spec §4.2).</summary>
public sealed record ResetConnectionLogs(string ConnectionId, DittoHeaders Headers) : IConnectionCommand
{
    public const string TypeName = "connectivity.commands:resetConnectionLogs";

    public string Type => TypeName;

    public JsonObject ToJson() => SignalJson.CommandWithConnectionId(TypeName, ConnectionId);

    public static ResetConnectionLogs FromJson(JsonObject json, DittoHeaders headers) => new(SignalJson.RequireConnectionId(json), headers);
}
