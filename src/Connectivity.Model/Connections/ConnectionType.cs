namespace Connectivity.Model.Connections;

/// <summary>The protocol of a connection (spec §1.1); wire names via <see cref="ConnectionTypes"/>.</summary>
public enum ConnectionType
{
    Amqp091,
    Amqp10,
    Mqtt,
    Mqtt5,
    Kafka,
    HttpPush,
    Hono,
}
