using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>Reply to <c>deleteConnection</c>: 204 (spec §3.4).</summary>
public sealed record DeleteConnectionResponse(string ConnectionId, DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:deleteConnection";

    public string Type => TypeName;

    public int Status => 204;

    public JsonObject ToJson() => SignalJson.Response(TypeName, Status, (SignalJson.ConnectionIdField, ConnectionId));

    public static DeleteConnectionResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new(SignalJson.RequireString(json, SignalJson.ConnectionIdField), headers);
}
