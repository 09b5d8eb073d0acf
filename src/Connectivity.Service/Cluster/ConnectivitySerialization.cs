using System.Text.Json.Nodes;
using Connectivity.Cluster.Sharding;
using Connectivity.Cluster.Transport;
using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Connectivity.Model.Protocol;
using Connectivity.Model.Responses;
using Connectivity.Model.Signals;
using Connectivity.Service.Clients;
using Connectivity.Service.DataPlane;

namespace Connectivity.Service.Cluster;

/// <summary>
/// Type ids and JSON of the messages that cross nodes: sharding envelopes, connectivity commands and responses (in
/// their Ditto JSON, headers alongside), Ditto errors inside failures, so a remote 404 stays a 404, and the protocol
/// of connection actors with their clients and client hosts on other nodes (<see cref="IClientCommand"/>, replies,
/// <see cref="StartRemoteClient"/>). Type ids are stable: never change one that nodes of a running cluster use.
/// </summary>
public static class ConnectivitySerialization
{
    public const string EnvelopeTypeId = "sharding:envelope";
    public const string StartEntityTypeId = "sharding:startEntity";
    public const string CommandTypeId = "connectivity:command";
    public const string ResponseTypeId = "connectivity:response";
    public const string ErrorTypeId = "connectivity:error";
    public const string OpenClientTypeId = "connectivity:client.open";
    public const string CloseClientTypeId = "connectivity:client.close";
    public const string TestClientTypeId = "connectivity:client.test";
    public const string RetrieveClientStatusTypeId = "connectivity:client.retrieveStatus";
    public const string RetrieveClientMetricsTypeId = "connectivity:client.retrieveMetrics";
    public const string ResetClientMetricsTypeId = "connectivity:client.resetMetrics";
    public const string RetrieveClientLogsTypeId = "connectivity:client.retrieveLogs";
    public const string EnableClientLogsTypeId = "connectivity:client.enableLogs";
    public const string ResetClientLogsTypeId = "connectivity:client.resetLogs";
    public const string ClientConnectedTypeId = "connectivity:client.connected";
    public const string ClientClosedTypeId = "connectivity:client.closed";
    public const string ClientTestSucceededTypeId = "connectivity:client.testSucceeded";
    public const string ClientStatusReportTypeId = "connectivity:client.statusReport";
    public const string ClientMetricsReportTypeId = "connectivity:client.metricsReport";
    public const string ClientLogsTypeId = "connectivity:client.logs";
    public const string StartRemoteClientTypeId = "connectivity:clientHost.start";
    public const string RemoteClientStartedTypeId = "connectivity:clientHost.started";
    public const string StopRemoteClientTypeId = "connectivity:clientHost.stop";
    public const string SubscriptionsAnnouncedTypeId = "connectivity:signals.subscriptions";
    public const string RoutedSignalTypeId = "connectivity:signals.routed";
    public const string RoutedResponseTypeId = "connectivity:signals.response";

    public static MessageSerializerRegistry Register(MessageSerializerRegistry registry)
    {
        registry.Register<ShardingEnvelope>(
            EnvelopeTypeId,
            envelope => new JsonObject
            {
                ["entityId"] = envelope.EntityId,
                ["message"] = Nested(registry, envelope.Message),
                ["deadline"] = envelope.Deadline?.ToUnixTimeMilliseconds(),
            },
            json => new ShardingEnvelope(
                json["entityId"]!.GetValue<string>(),
                FromNested(registry, json["message"]!),
                json["deadline"] is { } deadline ? DateTimeOffset.FromUnixTimeMilliseconds(deadline.GetValue<long>()) : null));
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
        RegisterClientProtocol(registry);
        RegisterSignalRouting(registry);
        return registry;
    }

    private static void RegisterClientProtocol(MessageSerializerRegistry registry)
    {
        RegisterSingleton(registry, OpenClientTypeId, OpenClient.Instance);
        RegisterSingleton(registry, CloseClientTypeId, CloseClient.Instance);
        RegisterSingleton(registry, TestClientTypeId, TestClient.Instance);
        RegisterSingleton(registry, RetrieveClientStatusTypeId, RetrieveClientStatus.Instance);
        RegisterSingleton(registry, RetrieveClientMetricsTypeId, RetrieveClientMetrics.Instance);
        RegisterSingleton(registry, ResetClientMetricsTypeId, ResetClientMetrics.Instance);
        RegisterSingleton(registry, RetrieveClientLogsTypeId, RetrieveClientLogs.Instance);
        RegisterSingleton(registry, EnableClientLogsTypeId, EnableClientLogs.Instance);
        RegisterSingleton(registry, ResetClientLogsTypeId, ResetClientLogs.Instance);
        registry.Register<ClientConnected>(
            ClientConnectedTypeId, reply => new JsonObject { ["clientId"] = reply.ClientId }, json => new ClientConnected(json["clientId"]!.GetValue<string>()));
        registry.Register<ClientClosed>(
            ClientClosedTypeId, reply => new JsonObject { ["clientId"] = reply.ClientId }, json => new ClientClosed(json["clientId"]!.GetValue<string>()));
        registry.Register<ClientTestSucceeded>(
            ClientTestSucceededTypeId, reply => new JsonObject { ["clientId"] = reply.ClientId }, json => new ClientTestSucceeded(json["clientId"]!.GetValue<string>()));
        registry.Register<ClientStatusReport>(
            ClientStatusReportTypeId,
            report => new JsonObject
            {
                ["client"] = report.Client.ToJson(),
                ["sources"] = new JsonArray([.. report.Sources.Select(s => (JsonNode)s.ToJson())]),
                ["targets"] = new JsonArray([.. report.Targets.Select(t => (JsonNode)t.ToJson())]),
            },
            json => new ClientStatusReport(
                ResourceStatus.FromJson(json["client"]!.AsObject()),
                [.. json["sources"]!.AsArray().Select(s => ResourceStatus.FromJson(s!.AsObject()))],
                [.. json["targets"]!.AsArray().Select(t => ResourceStatus.FromJson(t!.AsObject()))]));
        registry.Register<ConnectionMetricsReport>(
            ClientMetricsReportTypeId,
            report => new RetrieveConnectionMetricsResponse(string.Empty, report, DittoHeaders.Empty).ToJson(),
            json => RetrieveConnectionMetricsResponse.FromJson(json.AsObject(), DittoHeaders.Empty).Metrics);
        registry.Register<RetrieveConnectionLogsResponse>(
            ClientLogsTypeId,
            logs => new JsonObject { ["headers"] = logs.Headers.ToJson(), ["response"] = logs.ToJson() },
            json => RetrieveConnectionLogsResponse.FromJson(json["response"]!.AsObject(), DittoHeaders.FromJson(json["headers"] as JsonObject)));
        registry.Register<StartRemoteClient>(
            StartRemoteClientTypeId,
            start => new JsonObject
            {
                ["connection"] = ConnectionJson.ToJson(start.Connection),
                ["clientIndex"] = start.ClientIndex,
                ["ownerNode"] = start.OwnerNode,
            },
            json => new StartRemoteClient(
                ConnectionJson.FromJson(json["connection"]!.AsObject()),
                json["clientIndex"]!.GetValue<int>(),
                json["ownerNode"]!.GetValue<string>()));
        registry.Register<RemoteClientStarted>(
            RemoteClientStartedTypeId, started => new JsonObject { ["path"] = started.Path }, json => new RemoteClientStarted(json["path"]!.GetValue<string>()));
        registry.Register<StopRemoteClient>(
            StopRemoteClientTypeId,
            stop => new JsonObject { ["connectionId"] = stop.ConnectionId, ["clientIndex"] = stop.ClientIndex },
            json => new StopRemoteClient(json["connectionId"]!.GetValue<string>(), json["clientIndex"]!.GetValue<int>()));
    }

    private static void RegisterSignalRouting(MessageSerializerRegistry registry)
    {
        registry.Register<SubscriptionsAnnounced>(
            SubscriptionsAnnouncedTypeId,
            announced => new JsonObject
            {
                ["nodeId"] = announced.NodeId,
                ["nodeAddress"] = announced.NodeAddress,
                ["version"] = announced.Version,
                ["subscriptions"] = new JsonArray([.. announced.Subscriptions.Select(s => (JsonNode)new JsonObject
                {
                    ["connectionId"] = s.ConnectionId,
                    ["clientIndex"] = s.ClientIndex,
                    ["topics"] = new JsonArray([.. s.Topics.Select(t => (JsonNode)t)]),
                })]),
            },
            json => new SubscriptionsAnnounced(
                json["nodeId"]!.GetValue<string>(),
                json["nodeAddress"]!.GetValue<string>(),
                json["version"]!.GetValue<long>(),
                [.. json["subscriptions"]!.AsArray().Select(s => new AnnouncedSubscription(
                    s!["connectionId"]!.GetValue<string>(),
                    s["clientIndex"]!.GetValue<int>(),
                    [.. s["topics"]!.AsArray().Select(t => t!.GetValue<string>())]))]));
        registry.Register<RoutedSignal>(
            RoutedSignalTypeId,
            routed => new JsonObject
            {
                ["connectionId"] = routed.ConnectionId,
                ["clientIndex"] = routed.ClientIndex,
                ["signal"] = routed.Signal.ToJson(),
            },
            json => new RoutedSignal(
                json["connectionId"]!.GetValue<string>(),
                json["clientIndex"]!.GetValue<int>(),
                DittoProtocolMessage.FromJson(json["signal"]!.AsObject())));
        registry.Register<RoutedResponse>(
            RoutedResponseTypeId,
            routed => new JsonObject { ["response"] = routed.Response.ToJson() },
            json => new RoutedResponse(DittoProtocolMessage.FromJson(json["response"]!.AsObject())));
    }

    private static void RegisterSingleton<T>(MessageSerializerRegistry registry, string typeId, T instance)
        where T : notnull =>
        registry.Register<T>(typeId, _ => new JsonObject(), _ => instance);

    private static JsonObject Nested(IMessageSerializer serializer, object message) =>
        serializer.TrySerialize(message, out var typeId, out var json)
            ? new JsonObject { ["typeId"] = typeId, ["message"] = json }
            : throw new InvalidOperationException($"No serializer for {message.GetType().Name}.");

    private static object FromNested(IMessageSerializer serializer, JsonNode json) =>
        serializer.Deserialize(json["typeId"]!.GetValue<string>(), json["message"]!);
}
