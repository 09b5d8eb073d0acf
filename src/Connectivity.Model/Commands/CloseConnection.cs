using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>Closes a connection: persists <c>connectionClosed</c>, announces the close and stops the clients (spec §4.2).</summary>
public sealed record CloseConnection(string ConnectionId, DittoHeaders Headers) : IConnectionCommand
{
    public const string TypeName = "connectivity.commands:closeConnection";

    public string Type => TypeName;

    public JsonObject ToJson() => SignalJson.CommandWithConnectionId(TypeName, ConnectionId);

    public static CloseConnection FromJson(JsonObject json, DittoHeaders headers) => new(SignalJson.RequireConnectionId(json), headers);
}
