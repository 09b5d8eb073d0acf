using Microsoft.Extensions.Logging;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>Log lines of <see cref="MqttClient"/>; passwords never appear in them.</summary>
internal static partial class MqttClientLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT {Version} connecting to {Endpoint} as '{ClientId}' (user '{Username}', TLS {Tls})")]
    public static partial void Connecting(ILogger logger, MqttProtocolVersion version, string endpoint, string clientId, string? username, bool tls);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT connected to {Endpoint} as '{ClientId}' (session present {SessionPresent}, keep-alive {KeepAlive}, receive maximum {ReceiveMaximum})")]
    public static partial void Connected(ILogger logger, string endpoint, string clientId, bool sessionPresent, TimeSpan keepAlive, ushort receiveMaximum);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT server {Endpoint} refused the connection: {ReasonCode} {ReasonString}")]
    public static partial void ConnectRefused(ILogger logger, string endpoint, MqttConnectReasonCode reasonCode, string? reasonString);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT connection to {Endpoint} lost")]
    public static partial void ConnectionLost(ILogger logger, string endpoint, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT server {Endpoint} disconnected: {ReasonCode} {ReasonString}")]
    public static partial void ServerDisconnected(ILogger logger, string endpoint, MqttDisconnectReasonCode reasonCode, string? reasonString);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT server {Endpoint} broke the protocol ({ReasonCode})")]
    public static partial void ProtocolViolation(ILogger logger, string endpoint, MqttDisconnectReasonCode? reasonCode, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT disconnected from {Endpoint} ({ReasonCode})")]
    public static partial void Disconnected(ILogger logger, string endpoint, MqttDisconnectReasonCode reasonCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT message handler failed for topic {Topic}; the acknowledgement is withheld")]
    public static partial void HandlerFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT acknowledgement withheld for packet {PacketIdentifier} on topic {Topic}")]
    public static partial void AckWithheld(ILogger logger, ushort packetIdentifier, string topic);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT {PacketType} that nobody waits for (late or unknown packet identifier)")]
    public static partial void UnexpectedReply(ILogger logger, MqttPacketType packetType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT sending PINGREQ to {Endpoint}")]
    public static partial void Ping(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT {Event} handler failed")]
    public static partial void EventHandlerFailed(ILogger logger, string @event, Exception exception);
}
