namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>
/// An application message as published or received (MQTT 5 §3.3). The init properties are MQTT 5 properties,
/// dropped on an MQTT 3.1.1 connection.
/// </summary>
public sealed record MqttApplicationMessage(string Topic, ReadOnlyMemory<byte> Payload, MqttQos Qos = MqttQos.AtMostOnce, bool Retain = false)
{
    /// <summary>Content Type (MQTT 5 §3.3.2.3.9).</summary>
    public string? ContentType { get; init; }

    /// <summary>Response Topic (MQTT 5 §3.3.2.3.5).</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>Correlation Data (MQTT 5 §3.3.2.3.6).</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    /// <summary>Message Expiry Interval in seconds (MQTT 5 §3.3.2.3.3).</summary>
    public uint? MessageExpiryInterval { get; init; }

    /// <summary>Payload Format Indicator (MQTT 5 §3.3.2.3.2).</summary>
    public MqttPayloadFormatIndicator PayloadFormatIndicator { get; init; }

    /// <summary>User Properties (MQTT 5 §3.3.2.3.7).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
