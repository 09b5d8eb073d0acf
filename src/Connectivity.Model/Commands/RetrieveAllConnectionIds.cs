using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>
/// Asks for the ids of all existing connections, sorted ascending (spec §2.2); addressed to
/// <c>/user/connectivityRoot/connectionIdsRetrieval</c>, not to a single connection.
/// </summary>
public sealed record RetrieveAllConnectionIds(DittoHeaders Headers) : IConnectivityCommand
{
    public const string TypeName = "connectivity.commands:retrieveAllConnectionIds";

    public string Type => TypeName;

    public JsonObject ToJson() => new() { [SignalJson.TypeField] = TypeName };

    public static RetrieveAllConnectionIds FromJson(JsonObject json, DittoHeaders headers) => new(headers);
}
