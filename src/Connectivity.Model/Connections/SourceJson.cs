using System.Text.Json.Nodes;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Connections;

/// <summary>JSON of <see cref="Source"/> and its parts (spec §1.9), in Ditto's emission order.</summary>
internal static class SourceJson
{
    public static Source Read(JsonRead json)
    {
        var replyTargetJson = json.Object("replyTarget") is { } rt ? json.Child("replyTarget", rt) : null;
        return new Source
        {
            Addresses = json.Strings("addresses"),
            ConsumerCount = json.Int("consumerCount") ?? 1,
            Qos = json.Int("qos"),
            AuthorizationContext = json.Strings("authorizationContext"),
            Enforcement = json.Object("enforcement") is { } enforcement ? ReadEnforcement(json.Child("enforcement", enforcement)) : null,
            AcknowledgementRequests = json.Object("acknowledgementRequests") is { } acks
                ? ReadAcknowledgementRequests(json.Child("acknowledgementRequests", acks))
                : null,
            DeclaredAcks = json.Strings("declaredAcks"),
            HeaderMapping = json.StringMap("headerMapping"),
            PayloadMapping = json.Strings("payloadMapping"),
            ReplyTarget = replyTargetJson is { } r && r.Has("address") ? ReadReplyTarget(r) : null,
            ReplyTargetEnabled = replyTargetJson?.Bool("enabled") ?? true,
        };
    }

    public static JsonObject Write(Source source)
    {
        var json = new JsonObject
        {
            ["addresses"] = JsonWrite.Strings(source.Addresses),
            ["consumerCount"] = source.ConsumerCount,
        };
        if (source.Qos is { } qos)
        {
            json["qos"] = qos;
        }

        if (source.AuthorizationContext.Count > 0)
        {
            json["authorizationContext"] = JsonWrite.Strings(source.AuthorizationContext);
        }

        if (source.Enforcement is { } enforcement)
        {
            json["enforcement"] = new JsonObject
            {
                ["input"] = enforcement.Input,
                ["filters"] = JsonWrite.Strings(enforcement.Filters),
            };
        }

        if (source.AcknowledgementRequests is { } acks)
        {
            var acksJson = new JsonObject { ["includes"] = JsonWrite.Strings(acks.Includes) };
            if (acks.Filter is not null)
            {
                acksJson["filter"] = acks.Filter;
            }

            json["acknowledgementRequests"] = acksJson;
        }

        if (source.DeclaredAcks.Count > 0)
        {
            json["declaredAcks"] = JsonWrite.Strings(source.DeclaredAcks);
        }

        json["headerMapping"] = JsonWrite.Map(source.HeaderMapping);
        if (source.PayloadMapping.Count > 0)
        {
            json["payloadMapping"] = JsonWrite.Strings(source.PayloadMapping);
        }

        if (source.ReplyTarget is not null || !source.ReplyTargetEnabled)
        {
            var replyTarget = source.ReplyTarget is { } target ? WriteReplyTarget(target) : [];
            replyTarget["enabled"] = source.ReplyTargetEnabled;
            json["replyTarget"] = replyTarget;
        }

        return json;
    }

    private static Enforcement ReadEnforcement(JsonRead json) => new(json.RequiredString("input"), json.Strings("filters"));

    private static AcknowledgementRequests ReadAcknowledgementRequests(JsonRead json) =>
        new(json.Array("includes") is null ? throw ConnectivityErrors.JsonFieldMissing(json.FieldPointer("includes")) : json.Strings("includes"),
            json.String("filter"));

    private static ReplyTarget ReadReplyTarget(JsonRead json) =>
        new()
        {
            Address = json.RequiredString("address"),
            HeaderMapping = json.StringMap("headerMapping"),
            ExpectedResponseTypes = json.Array("expectedResponseTypes") is null
                ? ReplyTarget.DefaultExpectedResponseTypes
                : json.Strings("expectedResponseTypes").Where(t => ReplyTarget.KnownResponseTypes.Contains(t, StringComparer.Ordinal)).ToList(),
        };

    private static JsonObject WriteReplyTarget(ReplyTarget replyTarget) =>
        new()
        {
            ["address"] = replyTarget.Address,
            ["headerMapping"] = JsonWrite.Map(replyTarget.HeaderMapping),
            ["expectedResponseTypes"] = JsonWrite.Strings(replyTarget.ExpectedResponseTypes),
        };
}
