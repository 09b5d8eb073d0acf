namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>A message the server delivered, with the PUBLISH fields that are not part of the application message.</summary>
/// <param name="Message">The application message (its topic already resolved from a Topic Alias).</param>
/// <param name="Dup">The DUP flag: the server may have delivered it before (§3.3.1.1).</param>
/// <param name="PacketIdentifier">The PUBLISH packet identifier; 0 for QoS 0.</param>
/// <param name="SubscriptionIdentifiers">The identifiers of the matching subscriptions (MQTT 5 §3.3.2.3.8).</param>
public sealed record MqttReceivedMessage(
    MqttApplicationMessage Message,
    bool Dup,
    ushort PacketIdentifier,
    IReadOnlyList<uint> SubscriptionIdentifiers);
