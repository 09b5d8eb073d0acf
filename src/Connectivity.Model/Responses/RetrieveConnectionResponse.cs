using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>
/// Reply to <c>retrieveConnection</c>: 200 with the connection JSON, already reduced to the requested fields and
/// possibly carrying <c>_revision</c>, <c>_created</c>, <c>_modified</c> (spec §2.6, §3.4).
/// </summary>
public sealed record RetrieveConnectionResponse(JsonObject ConnectionJson, DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:retrieveConnection";

    public string Type => TypeName;

    public int Status => 200;

    public JsonObject ToJson() => SignalJson.Response(TypeName, Status, (SignalJson.ConnectionField, ConnectionJson.DeepClone()));

    public static RetrieveConnectionResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new((JsonObject)SignalJson.RequireObject(json, SignalJson.ConnectionField).DeepClone(), headers);
}
