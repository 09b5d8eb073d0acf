using Microsoft.Extensions.Logging;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>Log lines of <see cref="ManagedMqttClient"/>.</summary>
internal static partial class ManagedMqttClientLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT connecting to {Endpoint} failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string endpoint, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT connection to {Endpoint} lost; reconnecting in {Delay}")]
    public static partial void Reconnecting(ILogger logger, string endpoint, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT subscribed again to {Count} topic filters at {Endpoint}")]
    public static partial void Resubscribed(ILogger logger, string endpoint, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT server {Endpoint} refused the subscription to {Topic}: {ReasonCode}")]
    public static partial void SubscriptionRefused(ILogger logger, string endpoint, string topic, MqttSubscribeReasonCode reasonCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT publish to {Topic} queued again after the connection ended (was sent: {Sent})")]
    public static partial void Requeued(ILogger logger, string topic, bool sent);
}
