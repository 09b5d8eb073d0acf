namespace Connectivity.Messaging.Mqtt;

/// <summary>The header names an MQTT message carries into and out of Ditto (spec §8.3).</summary>
public static class MqttHeaders
{
    /// <summary>The topic a message was published to (inbound), or the topic to publish to (outbound).</summary>
    public const string Topic = "mqtt.topic";

    /// <summary>The QoS, <c>0</c>, <c>1</c> or <c>2</c>.</summary>
    public const string Qos = "mqtt.qos";

    /// <summary>The retain flag, <c>true</c> or <c>false</c>.</summary>
    public const string Retain = "mqtt.retain";

    /// <summary>The Message Expiry Interval in seconds (MQTT 5).</summary>
    public const string MessageExpiryInterval = "mqtt.message-expiry-interval";

    /// <summary>Correlation Data (MQTT 5), as UTF-8 text.</summary>
    public const string CorrelationId = "correlation-id";

    /// <summary>Response Topic (MQTT 5).</summary>
    public const string ReplyTo = "reply-to";

    /// <summary>Content Type (MQTT 5).</summary>
    public const string ContentType = "content-type";
}
