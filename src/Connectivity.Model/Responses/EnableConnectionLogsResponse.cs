using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>Reply to <c>enableConnectionLogs</c>: 200 (spec §3.4).</summary>
public sealed record EnableConnectionLogsResponse(string ConnectionId, DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:enableConnectionLogs";

    public string Type => TypeName;

    public int Status => 200;

    public JsonObject ToJson() => SignalJson.Response(TypeName, Status, (SignalJson.ConnectionIdField, ConnectionId));

    public static EnableConnectionLogsResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new(SignalJson.RequireString(json, SignalJson.ConnectionIdField), headers);
}
