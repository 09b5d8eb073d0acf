namespace Connectivity.Protocols.Mqtt;

/// <summary>A User Property, a UTF-8 string pair that may appear many times (MQTT 5 §3.1.2.11.8).</summary>
public sealed record MqttUserProperty(string Name, string Value);
