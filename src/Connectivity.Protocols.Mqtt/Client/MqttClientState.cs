namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>The life of an <see cref="MqttClient"/>: one network connection, never reopened.</summary>
internal enum MqttClientState
{
    Created,
    Connecting,
    Connected,
    Closed,
}
