namespace Connectivity.Protocols.Mqtt.Packets;

/// <summary>AUTH (MQTT 5 §3.15), MQTT 5 only: enhanced authentication exchange.</summary>
public sealed record AuthPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Auth;

    /// <summary>Authenticate Reason Code (MQTT 5 §3.15.2.1).</summary>
    public MqttAuthenticateReasonCode ReasonCode { get; init; }

    /// <summary>Authentication Method (MQTT 5 §3.15.2.2.2).</summary>
    public string? AuthenticationMethod { get; init; }

    /// <summary>Authentication Data (MQTT 5 §3.15.2.2.3).</summary>
    public ReadOnlyMemory<byte>? AuthenticationData { get; init; }

    /// <summary>Reason String (MQTT 5 §3.15.2.2.4).</summary>
    public string? ReasonString { get; init; }

    /// <summary>User Properties (MQTT 5 §3.15.2.2.5).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
