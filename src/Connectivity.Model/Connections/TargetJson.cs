using System.Text.Json.Nodes;

namespace Connectivity.Model.Connections;

/// <summary>JSON of <see cref="Target"/> (spec §1.10); topics are parsed and re-serialized as <see cref="FilteredTopic"/>.</summary>
internal static class TargetJson
{
    public static Target Read(JsonRead json) =>
        new()
        {
            Address = json.RequiredString("address"),
            Topics = json.Strings("topics").Select(FilteredTopic.Parse).ToList(),
            Qos = json.Int("qos"),
            AuthorizationContext = json.Strings("authorizationContext"),
            IssuedAcknowledgementLabel = json.String("issuedAcknowledgementLabel"),
            HeaderMapping = json.StringMap("headerMapping"),
            PayloadMapping = json.Strings("payloadMapping"),
        };

    public static JsonObject Write(Target target)
    {
        var json = new JsonObject
        {
            ["address"] = target.Address,
            ["topics"] = JsonWrite.Strings(target.Topics.Select(t => t.ToString())),
        };
        if (target.Qos is { } qos)
        {
            json["qos"] = qos;
        }

        if (target.AuthorizationContext.Count > 0)
        {
            json["authorizationContext"] = JsonWrite.Strings(target.AuthorizationContext);
        }

        if (target.IssuedAcknowledgementLabel is not null)
        {
            json["issuedAcknowledgementLabel"] = target.IssuedAcknowledgementLabel;
        }

        json["headerMapping"] = JsonWrite.Map(target.HeaderMapping);
        if (target.PayloadMapping.Count > 0)
        {
            json["payloadMapping"] = JsonWrite.Strings(target.PayloadMapping);
        }

        return json;
    }
}
