namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>The server could not be reached, the connection broke, or an answer did not come in time.</summary>
public sealed class MqttCommunicationException : Exception
{
    public MqttCommunicationException()
        : this("MQTT communication failed.")
    {
    }

    public MqttCommunicationException(string message)
        : base(message)
    {
    }

    public MqttCommunicationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
