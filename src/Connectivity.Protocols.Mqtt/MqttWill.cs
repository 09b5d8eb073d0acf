namespace Connectivity.Protocols.Mqtt;

/// <summary>
/// The Will Message of CONNECT (MQTT 3.1.1 §3.1.3.2-3, MQTT 5 §3.1.3.2-4). The init properties are
/// the MQTT 5 Will Properties (§3.1.3.2); the 3.1.1 formatter ignores them.
/// </summary>
public sealed record MqttWill(
    string Topic,
    ReadOnlyMemory<byte> Payload,
    MqttQos Qos = MqttQos.AtMostOnce,
    bool Retain = false)
{
    /// <summary>Will Delay Interval in seconds (MQTT 5 §3.1.3.2.2); 0 is the same as absent.</summary>
    public uint WillDelayInterval { get; init; }

    /// <summary>Payload Format Indicator (MQTT 5 §3.1.3.2.3).</summary>
    public MqttPayloadFormatIndicator PayloadFormatIndicator { get; init; }

    /// <summary>Message Expiry Interval in seconds (MQTT 5 §3.1.3.2.4); null when absent.</summary>
    public uint? MessageExpiryInterval { get; init; }

    /// <summary>Content Type (MQTT 5 §3.1.3.2.5).</summary>
    public string? ContentType { get; init; }

    /// <summary>Response Topic (MQTT 5 §3.1.3.2.6).</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>Correlation Data (MQTT 5 §3.1.3.2.7).</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    /// <summary>User Properties (MQTT 5 §3.1.3.2.8).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
