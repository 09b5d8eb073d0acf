using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>Privileged: asks a connection for its <c>tags</c> (spec §3.4).</summary>
public sealed record SudoRetrieveConnectionTags(string ConnectionId, DittoHeaders Headers) : IConnectionCommand
{
    public const string TypeName = "connectivity.sudo.commands:sudoRetrieveConnectionTags";

    public string Type => TypeName;

    public JsonObject ToJson() => SignalJson.CommandWithConnectionId(TypeName, ConnectionId);

    public static SudoRetrieveConnectionTags FromJson(JsonObject json, DittoHeaders headers) => new(SignalJson.RequireConnectionId(json), headers);
}
