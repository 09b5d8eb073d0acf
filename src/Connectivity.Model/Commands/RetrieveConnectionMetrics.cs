using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>Asks for the aggregated metrics of a connection's clients (spec §5.1).</summary>
public sealed record RetrieveConnectionMetrics(string ConnectionId, DittoHeaders Headers) : IConnectionCommand
{
    public const string TypeName = "connectivity.commands:retrieveConnectionMetrics";

    public string Type => TypeName;

    public JsonObject ToJson() => SignalJson.CommandWithConnectionId(TypeName, ConnectionId);

    public static RetrieveConnectionMetrics FromJson(JsonObject json, DittoHeaders headers) => new(SignalJson.RequireConnectionId(json), headers);
}
