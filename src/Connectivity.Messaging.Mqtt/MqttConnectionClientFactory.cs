using Connectivity.Model.Connections;
using Connectivity.Service.Clients;

namespace Connectivity.Messaging.Mqtt;

/// <summary>Creates the <see cref="MqttConnectionClient"/> of <c>mqtt</c> (3.1.1) or <c>mqtt-5</c> connections (spec §8.3); one factory per type.</summary>
public sealed class MqttConnectionClientFactory : IConnectionClientFactory
{
    private readonly TimeSpan connectTimeout;

    /// <param name="type"><see cref="ConnectionType.Mqtt"/> or <see cref="ConnectionType.Mqtt5"/>.</param>
    /// <param name="connectTimeout">How long opening the connection up to CONNACK may take; default <see cref="MqttConnectionClient.DefaultConnectTimeout"/>.</param>
    public MqttConnectionClientFactory(ConnectionType type, TimeSpan? connectTimeout = null)
    {
        if (type is not (ConnectionType.Mqtt or ConnectionType.Mqtt5))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "An MQTT client factory serves mqtt or mqtt-5.");
        }

        Type = type;
        this.connectTimeout = connectTimeout ?? MqttConnectionClient.DefaultConnectTimeout;
    }

    public ConnectionType Type { get; }

    public IConnectionClient Create(Connection connection, ClientContext context) => new MqttConnectionClient(connection, context, connectTimeout);
}
