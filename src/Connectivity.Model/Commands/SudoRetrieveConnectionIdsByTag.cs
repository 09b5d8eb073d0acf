using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>
/// Privileged: asks for the ids of all connections whose journal carries <see cref="Tag"/> (spec §3.4);
/// addressed to <c>/user/connectivityRoot/connectionIdsRetrieval</c>.
/// </summary>
public sealed record SudoRetrieveConnectionIdsByTag(string Tag, DittoHeaders Headers) : IConnectivityCommand
{
    public const string TypeName = "connectivity.sudo.commands:sudoRetrieveConnectionIdsByTag";

    private const string TagField = "tag";

    public string Type => TypeName;

    public JsonObject ToJson() => new()
    {
        [SignalJson.TypeField] = TypeName,
        [TagField] = Tag,
    };

    public static SudoRetrieveConnectionIdsByTag FromJson(JsonObject json, DittoHeaders headers) =>
        new(SignalJson.RequireString(json, TagField), headers);
}
