namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>PUBLISH (MQTT 3.1.1 §3.3, MQTT 5 §3.3).</summary>
public sealed record PublishPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Publish;

    /// <summary>Topic Name (§3.3.2.1); empty in MQTT 5 when a Topic Alias stands for it.</summary>
    public string Topic { get; init; } = "";

    /// <summary>Application message payload (§3.3.3).</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>QoS level (§3.3.1.2).</summary>
    public MqttQos Qos { get; init; }

    /// <summary>RETAIN flag (§3.3.1.3).</summary>
    public bool Retain { get; init; }

    /// <summary>DUP flag (§3.3.1.1); must be false for QoS 0.</summary>
    public bool Dup { get; init; }

    /// <summary>Packet Identifier (§3.3.2.2); present (non-zero) only for QoS 1 and 2.</summary>
    public ushort PacketIdentifier { get; init; }

    /// <summary>Payload Format Indicator (MQTT 5 §3.3.2.3.2).</summary>
    public MqttPayloadFormatIndicator PayloadFormatIndicator { get; init; }

    /// <summary>Message Expiry Interval in seconds (MQTT 5 §3.3.2.3.3).</summary>
    public uint? MessageExpiryInterval { get; init; }

    /// <summary>Topic Alias (MQTT 5 §3.3.2.3.4); never 0.</summary>
    public ushort? TopicAlias { get; init; }

    /// <summary>Response Topic (MQTT 5 §3.3.2.3.5).</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>Correlation Data (MQTT 5 §3.3.2.3.6).</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    /// <summary>User Properties (MQTT 5 §3.3.2.3.7).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>Subscription Identifiers (MQTT 5 §3.3.2.3.8); server to client only, each 1..268435455.</summary>
    public IReadOnlyList<uint> SubscriptionIdentifiers { get; init; } = [];

    /// <summary>Content Type (MQTT 5 §3.3.2.3.9).</summary>
    public string? ContentType { get; init; }
}
