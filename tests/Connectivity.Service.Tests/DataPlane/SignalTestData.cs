using Connectivity.Model.Headers;
using Connectivity.Model.Protocol;
using Connectivity.Service.DataPlane;

namespace Connectivity.Service.Tests.DataPlane;

/// <summary>Signals and recording sinks for the data-plane tests.</summary>
internal static class SignalTestData
{
    public const string LiveMessages = "_/_/things/live/messages";
    public const string TwinEvents = "_/_/things/twin/events";

    public static DittoProtocolMessage LiveMessage(string thing, string correlationId, string value = """{"temp":21.5}""") => new()
    {
        Topic = DittoTopic.Parse($"org.acme/{thing}/things/live/messages/telemetry"),
        Path = "/inbox/messages/telemetry",
        Headers = DittoHeaders.Empty.With(DittoHeaders.CorrelationIdKey, correlationId),
        Value = System.Text.Json.Nodes.JsonNode.Parse(value),
    };

    public static DittoProtocolMessage TwinEvent(string thing) => new()
    {
        Topic = DittoTopic.Parse($"org.acme/{thing}/things/twin/events/modified"),
        Path = "/attributes/a",
        Value = 1,
    };

    public static DittoProtocolMessage LiveResponse(string correlationId) => new()
    {
        Topic = DittoTopic.Parse("org.acme/d1/things/live/messages/switch"),
        Path = "/inbox/messages/switch",
        Headers = DittoHeaders.Empty.With(DittoHeaders.CorrelationIdKey, correlationId),
        Status = 200,
        Value = "done",
    };

    public static SignalSubscription Subscription(string connectionId, int clientIndex, RecordingSink sink, params string[] topics) =>
        new(connectionId, clientIndex, topics.ToHashSet(StringComparer.Ordinal), sink);
}
