using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>Replaces an existing connection; answered with 204 (spec §3.4, §4.2).</summary>
public sealed record ModifyConnection(Connection Connection, DittoHeaders Headers) : IConnectionCommand
{
    public const string TypeName = "connectivity.commands:modifyConnection";

    public string Type => TypeName;

    public string ConnectionId => Connection.Id;

    public JsonObject ToJson() => new()
    {
        [SignalJson.TypeField] = TypeName,
        [SignalJson.ConnectionField] = ConnectionJson.ToJson(Connection),
    };

    public static ModifyConnection FromJson(JsonObject json, DittoHeaders headers) =>
        new(ConnectionJson.FromJson(SignalJson.RequireObject(json, SignalJson.ConnectionField)), headers);
}
