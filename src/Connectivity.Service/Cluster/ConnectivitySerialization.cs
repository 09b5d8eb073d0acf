using System.Text.Json.Nodes;
using Connectivity.Cluster.Sharding;
using Connectivity.Cluster.Transport;
using Connectivity.Model.Commands;
using Connectivity.Model.Errors;
using Connectivity.Model.Headers;
using Connectivity.Model.Responses;
using Connectivity.Model.Signals;

namespace Connectivity.Service.Cluster;

/// <summary>
/// Type ids and JSON of the messages that cross nodes: sharding envelopes, connectivity commands and responses (in
/// their Ditto JSON, headers alongside), and Ditto errors inside failures, so a remote 404 stays a 404.
/// </summary>
public static class ConnectivitySerialization
{
    public const string EnvelopeTypeId = "sharding:envelope";
    public const string StartEntityTypeId = "sharding:startEntity";
    public const string CommandTypeId = "connectivity:command";
    public const string ResponseTypeId = "connectivity:response";
    public const string ErrorTypeId = "connectivity:error";

    public static MessageSerializerRegistry Register(MessageSerializerRegistry registry)
    {
        registry.Register<ShardingEnvelope>(
            EnvelopeTypeId,
            envelope => new JsonObject { ["entityId"] = envelope.EntityId, ["message"] = Nested(registry, envelope.Message) },
            json => new ShardingEnvelope(json["entityId"]!.GetValue<string>(), FromNested(registry, json["message"]!)));
        registry.Register<StartEntity>(
            StartEntityTypeId,
            start => new JsonObject { ["entityId"] = start.EntityId },
            json => new StartEntity(json["entityId"]!.GetValue<string>()));
        registry.Register<IConnectivityCommand>(
            CommandTypeId,
            command => new JsonObject { ["headers"] = command.Headers.ToJson(), ["command"] = command.ToJson() },
            json => ConnectivityCommandParser.Parse(json["command"]!.AsObject(), DittoHeaders.FromJson(json["headers"] as JsonObject)));
        registry.Register<IConnectivityResponse>(
            ResponseTypeId,
            response => new JsonObject { ["headers"] = response.Headers.ToJson(), ["response"] = response.ToJson() },
            json => ConnectivityResponseParser.Parse(json["response"]!.AsObject(), DittoHeaders.FromJson(json["headers"] as JsonObject)));
        registry.RegisterException<DittoRuntimeException>(ErrorTypeId, error => error.ToJson(), json => DittoRuntimeException.FromJson(json.AsObject()));
        return registry;
    }

    private static JsonObject Nested(IMessageSerializer serializer, object message) =>
        serializer.TrySerialize(message, out var typeId, out var json)
            ? new JsonObject { ["typeId"] = typeId, ["message"] = json }
            : throw new InvalidOperationException($"No serializer for {message.GetType().Name}.");

    private static object FromNested(IMessageSerializer serializer, JsonNode json) =>
        serializer.Deserialize(json["typeId"]!.GetValue<string>(), json["message"]!);
}
