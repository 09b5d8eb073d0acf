namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>CONNACK (MQTT 3.1.1 §3.2, MQTT 5 §3.2). Property defaults equal the spec's "absent".</summary>
public sealed record ConnAckPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.ConnAck;

    /// <summary>Session Present (§3.2.2.1 / §3.2.2.2 in 3.1.1).</summary>
    public bool SessionPresent { get; init; }

    /// <summary>Connect Reason Code (MQTT 5 §3.2.2.2); 3.1.1 return codes are mapped onto it.</summary>
    public MqttConnectReasonCode ReasonCode { get; init; }

    /// <summary>Session Expiry Interval (MQTT 5 §3.2.2.3.2); null when the server keeps the client's.</summary>
    public uint? SessionExpiryInterval { get; init; }

    /// <summary>Receive Maximum (MQTT 5 §3.2.2.3.3); 65535 is the same as absent.</summary>
    public ushort ReceiveMaximum { get; init; } = ushort.MaxValue;

    /// <summary>Maximum QoS (MQTT 5 §3.2.2.3.4); ExactlyOnce is the same as absent.</summary>
    public MqttQos MaximumQos { get; init; } = MqttQos.ExactlyOnce;

    /// <summary>Retain Available (MQTT 5 §3.2.2.3.5); true is the same as absent.</summary>
    public bool RetainAvailable { get; init; } = true;

    /// <summary>Maximum Packet Size (MQTT 5 §3.2.2.3.6); null = no limit.</summary>
    public uint? MaximumPacketSize { get; init; }

    /// <summary>Assigned Client Identifier (MQTT 5 §3.2.2.3.7).</summary>
    public string? AssignedClientIdentifier { get; init; }

    /// <summary>Topic Alias Maximum (MQTT 5 §3.2.2.3.8); 0 is the same as absent.</summary>
    public ushort TopicAliasMaximum { get; init; }

    /// <summary>Reason String (MQTT 5 §3.2.2.3.9).</summary>
    public string? ReasonString { get; init; }

    /// <summary>User Properties (MQTT 5 §3.2.2.3.10).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>Wildcard Subscription Available (MQTT 5 §3.2.2.3.11); true is the same as absent.</summary>
    public bool WildcardSubscriptionAvailable { get; init; } = true;

    /// <summary>Subscription Identifiers Available (MQTT 5 §3.2.2.3.12); true is the same as absent.</summary>
    public bool SubscriptionIdentifiersAvailable { get; init; } = true;

    /// <summary>Shared Subscription Available (MQTT 5 §3.2.2.3.13); true is the same as absent.</summary>
    public bool SharedSubscriptionAvailable { get; init; } = true;

    /// <summary>Server Keep Alive in seconds (MQTT 5 §3.2.2.3.14); null when absent.</summary>
    public ushort? ServerKeepAlive { get; init; }

    /// <summary>Response Information (MQTT 5 §3.2.2.3.15).</summary>
    public string? ResponseInformation { get; init; }

    /// <summary>Server Reference (MQTT 5 §3.2.2.3.16).</summary>
    public string? ServerReference { get; init; }

    /// <summary>Authentication Method (MQTT 5 §3.2.2.3.17).</summary>
    public string? AuthenticationMethod { get; init; }

    /// <summary>Authentication Data (MQTT 5 §3.2.2.3.18).</summary>
    public ReadOnlyMemory<byte>? AuthenticationData { get; init; }
}
