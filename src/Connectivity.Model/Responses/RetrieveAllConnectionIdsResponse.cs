using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>Reply to <c>retrieveAllConnectionIds</c>: 200 with the ids sorted ascending (ordinal), spec §2.2, §3.4.</summary>
public sealed record RetrieveAllConnectionIdsResponse(IReadOnlyList<string> ConnectionIds, DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:retrieveAllConnectionIds";

    private const string ConnectionIdsField = "connectionIds";

    public IReadOnlyList<string> ConnectionIds { get; init => field = Sorted(value); } = Sorted(ConnectionIds);

    public string Type => TypeName;

    public int Status => 200;

    public JsonObject ToJson() => SignalJson.Response(TypeName, Status, (ConnectionIdsField, JsonWrite.Strings(ConnectionIds)));

    public static RetrieveAllConnectionIdsResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new(SignalJson.RequireStringArray(json, ConnectionIdsField), headers);

    private static IReadOnlyList<string> Sorted(IEnumerable<string> ids) => EquatableList<string>.From(ids.Order(StringComparer.Ordinal));
}
