namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>A <see cref="ManagedMqttClient"/> already holds its maximum of pending publishes.</summary>
public sealed class MqttPublishQueueFullException : Exception
{
    public MqttPublishQueueFullException()
        : this("The MQTT publish queue is full.")
    {
    }

    public MqttPublishQueueFullException(string message)
        : base(message)
    {
    }

    public MqttPublishQueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
