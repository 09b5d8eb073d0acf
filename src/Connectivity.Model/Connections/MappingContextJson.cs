using System.Text.Json.Nodes;

namespace Connectivity.Model.Connections;

/// <summary>JSON of <see cref="MappingContext"/> (spec §1.8): conditions only when non-empty.</summary>
internal static class MappingContextJson
{
    public static MappingContext Read(JsonRead json) =>
        new()
        {
            MappingEngine = json.RequiredString("mappingEngine"),
            Options = json.RequiredObject("options"),
            IncomingConditions = json.StringMap("incomingConditions"),
            OutgoingConditions = json.StringMap("outgoingConditions"),
        };

    public static JsonObject Write(MappingContext context)
    {
        var json = new JsonObject
        {
            ["mappingEngine"] = context.MappingEngine,
            ["options"] = context.Options,
        };
        if (context.IncomingConditions.Count > 0)
        {
            json["incomingConditions"] = JsonWrite.Map(context.IncomingConditions);
        }

        if (context.OutgoingConditions.Count > 0)
        {
            json["outgoingConditions"] = JsonWrite.Map(context.OutgoingConditions);
        }

        return json;
    }
}
