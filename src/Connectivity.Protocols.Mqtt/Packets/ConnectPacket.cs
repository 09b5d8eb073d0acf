namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>CONNECT (MQTT 3.1.1 §3.1, MQTT 5 §3.1). Property defaults equal the spec's "absent".</summary>
public sealed record ConnectPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Connect;

    /// <summary>Client Identifier (§3.1.3.1); empty asks the server to assign one.</summary>
    public string ClientId { get; init; } = "";

    /// <summary>Clean Session (3.1.1 §3.1.2.4) / Clean Start (MQTT 5 §3.1.2.4).</summary>
    public bool CleanSession { get; init; } = true;

    /// <summary>Keep Alive in seconds (§3.1.2.10); 0 turns keep-alive off.</summary>
    public ushort KeepAlive { get; init; }

    /// <summary>User Name (§3.1.3.5).</summary>
    public string? Username { get; init; }

    /// <summary>Password (§3.1.3.6).</summary>
    public ReadOnlyMemory<byte>? Password { get; init; }

    /// <summary>Will Message (§3.1.2.5 - §3.1.2.7, §3.1.3.2 - §3.1.3.4).</summary>
    public MqttWill? Will { get; init; }

    /// <summary>Session Expiry Interval in seconds (MQTT 5 §3.1.2.11.2); 0 is the same as absent.</summary>
    public uint SessionExpiryInterval { get; init; }

    /// <summary>Receive Maximum (MQTT 5 §3.1.2.11.3); 65535 is the same as absent.</summary>
    public ushort ReceiveMaximum { get; init; } = ushort.MaxValue;

    /// <summary>Maximum Packet Size (MQTT 5 §3.1.2.11.4); null = no limit.</summary>
    public uint? MaximumPacketSize { get; init; }

    /// <summary>Topic Alias Maximum (MQTT 5 §3.1.2.11.5); 0 is the same as absent.</summary>
    public ushort TopicAliasMaximum { get; init; }

    /// <summary>Request Response Information (MQTT 5 §3.1.2.11.6); false is the same as absent.</summary>
    public bool RequestResponseInformation { get; init; }

    /// <summary>Request Problem Information (MQTT 5 §3.1.2.11.7); true is the same as absent.</summary>
    public bool RequestProblemInformation { get; init; } = true;

    /// <summary>User Properties (MQTT 5 §3.1.2.11.8).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>Authentication Method (MQTT 5 §3.1.2.11.9).</summary>
    public string? AuthenticationMethod { get; init; }

    /// <summary>Authentication Data (MQTT 5 §3.1.2.11.10).</summary>
    public ReadOnlyMemory<byte>? AuthenticationData { get; init; }
}
