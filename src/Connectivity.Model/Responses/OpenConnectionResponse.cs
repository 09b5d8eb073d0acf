using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>Reply to <c>openConnection</c>: 200 once the clients connected (spec §3.4, §4.2).</summary>
public sealed record OpenConnectionResponse(string ConnectionId, DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:openConnection";

    public string Type => TypeName;

    public int Status => 200;

    public JsonObject ToJson() => SignalJson.Response(TypeName, Status, (SignalJson.ConnectionIdField, ConnectionId));

    public static OpenConnectionResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new(SignalJson.RequireString(json, SignalJson.ConnectionIdField), headers);
}
