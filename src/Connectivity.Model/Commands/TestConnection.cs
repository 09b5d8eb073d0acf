using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>Validates a connection and tries to connect once without persisting anything (spec §2.4, §4.2).</summary>
public sealed record TestConnection(Connection Connection, DittoHeaders Headers) : IConnectionCommand
{
    public const string TypeName = "connectivity.commands:testConnection";

    public string Type => TypeName;

    public string ConnectionId => Connection.Id;

    public JsonObject ToJson() => new()
    {
        [SignalJson.TypeField] = TypeName,
        [SignalJson.ConnectionField] = ConnectionJson.ToJson(Connection),
    };

    public static TestConnection FromJson(JsonObject json, DittoHeaders headers) =>
        new(ConnectionJson.FromJson(SignalJson.RequireObject(json, SignalJson.ConnectionField)), headers);
}
