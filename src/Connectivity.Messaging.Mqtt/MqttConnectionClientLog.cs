using Microsoft.Extensions.Logging;

namespace Connectivity.Messaging.Mqtt;

/// <summary>Service log lines of <see cref="MqttConnectionClient"/>; URIs are always masked.</summary>
internal static partial class MqttConnectionClientLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId}: MQTT client '{MqttClientId}' connected to {Uri}")]
    public static partial void Connected(ILogger logger, string connectionId, string mqttClientId, string uri);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId}: subscribed to '{Filter}' with QoS {Qos}, granted {Granted}")]
    public static partial void Subscribed(ILogger logger, string connectionId, string filter, int qos, string granted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId}: {Failure}")]
    public static partial void SubscriptionFailed(ILogger logger, string connectionId, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId}: MQTT client '{MqttClientId}' lost its connection: {Cause}")]
    public static partial void ConnectionLost(ILogger logger, string connectionId, string mqttClientId, string cause);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId}: received a message on '{Topic}' that matches no source address; acknowledged")]
    public static partial void Unrouted(ILogger logger, string connectionId, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId}: handling a message from '{Address}' failed; acknowledged: {Error}")]
    public static partial void InboundFailed(ILogger logger, string connectionId, string address, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId}: a message from '{Address}' is to be redelivered; reconnecting after {Delay}")]
    public static partial void ReconnectForRedelivery(ILogger logger, string connectionId, string address, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId}: publishing to '{Topic}' failed: {Detail}")]
    public static partial void PublishFailed(ILogger logger, string connectionId, string topic, string detail);
}
