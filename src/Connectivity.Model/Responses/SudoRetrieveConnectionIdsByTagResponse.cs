using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>Reply to <c>sudoRetrieveConnectionIdsByTag</c>: 200 with the ids of the connections carrying the tag (spec §3.4).</summary>
public sealed record SudoRetrieveConnectionIdsByTagResponse(IReadOnlyList<string> ConnectionIds, DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.sudo.responses:sudoRetrieveConnectionIdsByTag";

    private const string ConnectionIdsField = "connectionIds";

    public IReadOnlyList<string> ConnectionIds { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.From(ConnectionIds);

    public string Type => TypeName;

    public int Status => 200;

    public JsonObject ToJson() => SignalJson.Response(TypeName, Status, (ConnectionIdsField, JsonWrite.Strings(ConnectionIds)));

    public static SudoRetrieveConnectionIdsByTagResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new(SignalJson.RequireStringArray(json, ConnectionIdsField), headers);
}
