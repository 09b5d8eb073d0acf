using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>Reply to <c>sudoRetrieveConnectionTags</c>: 200 with the connection's tags in insertion order (spec §3.4).</summary>
public sealed record SudoRetrieveConnectionTagsResponse(IReadOnlyList<string> ConnectionTags, DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.sudo.responses:sudoRetrieveConnectionTags";

    private const string ConnectionTagsField = "connectionTags";

    public IReadOnlyList<string> ConnectionTags { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.From(ConnectionTags);

    public string Type => TypeName;

    public int Status => 200;

    public JsonObject ToJson() => SignalJson.Response(TypeName, Status, (ConnectionTagsField, JsonWrite.Strings(ConnectionTags)));

    public static SudoRetrieveConnectionTagsResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new(SignalJson.RequireStringArray(json, ConnectionTagsField), headers);
}
