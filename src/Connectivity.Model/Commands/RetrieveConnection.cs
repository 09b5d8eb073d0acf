using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>Retrieves one connection, optionally only the <see cref="SelectedFields"/> (spec §2.6, §3.4).</summary>
public sealed record RetrieveConnection(string ConnectionId, FieldSelector? SelectedFields, DittoHeaders Headers) : IConnectionCommand
{
    public const string TypeName = "connectivity.commands:retrieveConnection";

    private const string SelectedFieldsField = "selectedFields";

    public string Type => TypeName;

    public JsonObject ToJson()
    {
        var json = SignalJson.CommandWithConnectionId(TypeName, ConnectionId);
        if (SelectedFields is not null)
        {
            json[SelectedFieldsField] = SelectedFields.ToString();
        }

        return json;
    }

    public static RetrieveConnection FromJson(JsonObject json, DittoHeaders headers)
    {
        var selectedFields = SignalJson.OptionalString(json, SelectedFieldsField);
        return new(SignalJson.RequireConnectionId(json), selectedFields is null ? null : FieldSelector.Parse(selectedFields), headers);
    }
}
