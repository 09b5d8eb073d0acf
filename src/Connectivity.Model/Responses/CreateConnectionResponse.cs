using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>Reply to <c>createConnection</c>: 201 with the created connection (spec §3.3, §3.4).</summary>
public sealed record CreateConnectionResponse(Connection Connection, DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:createConnection";

    public string Type => TypeName;

    public int Status => 201;

    public JsonObject ToJson() => SignalJson.Response(TypeName, Status, (SignalJson.ConnectionField, ConnectionJson.ToJson(Connection)));

    public static CreateConnectionResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new(ConnectionJson.FromJson(SignalJson.RequireObject(json, SignalJson.ConnectionField)), headers);
}
