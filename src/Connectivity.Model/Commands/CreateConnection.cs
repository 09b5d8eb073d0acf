using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>Creates a connection from its full JSON (with <c>id</c>); answered with 201 or 409 conflict (spec §3.4, §4.2).</summary>
public sealed record CreateConnection(Connection Connection, DittoHeaders Headers) : IConnectionCommand
{
    public const string TypeName = "connectivity.commands:createConnection";

    public string Type => TypeName;

    public string ConnectionId => Connection.Id;

    public JsonObject ToJson() => new()
    {
        [SignalJson.TypeField] = TypeName,
        [SignalJson.ConnectionField] = ConnectionJson.ToJson(Connection),
    };

    public static CreateConnection FromJson(JsonObject json, DittoHeaders headers) =>
        new(ConnectionJson.FromJson(SignalJson.RequireObject(json, SignalJson.ConnectionField)), headers);
}
