using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>Reply to <c>closeConnection</c>: 200 once the clients stopped (spec §3.4, §4.2).</summary>
public sealed record CloseConnectionResponse(string ConnectionId, DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:closeConnection";

    public string Type => TypeName;

    public int Status => 200;

    public JsonObject ToJson() => SignalJson.Response(TypeName, Status, (SignalJson.ConnectionIdField, ConnectionId));

    public static CloseConnectionResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new(SignalJson.RequireString(json, SignalJson.ConnectionIdField), headers);
}
