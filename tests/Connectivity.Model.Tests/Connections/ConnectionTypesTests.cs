using Connectivity.Model.Connections;
using Xunit;

namespace Connectivity.Model.Tests.Connections;

public class ConnectionTypesTests
{
    [Theory]
    [InlineData("amqp-091", ConnectionType.Amqp091)]
    [InlineData("amqp-10", ConnectionType.Amqp10)]
    [InlineData("mqtt", ConnectionType.Mqtt)]
    [InlineData("mqtt-5", ConnectionType.Mqtt5)]
    [InlineData("kafka", ConnectionType.Kafka)]
    [InlineData("http-push", ConnectionType.HttpPush)]
    [InlineData("hono", ConnectionType.Hono)]
    public void TryParse_should_map_wire_names_both_ways(string wire, ConnectionType type)
    {
        Assert.True(ConnectionTypes.TryParse(wire, out var parsed));
        Assert.Equal(type, parsed);
        Assert.Equal(wire, type.ToWire());
    }

    [Theory]
    [InlineData("MQTT")]
    [InlineData("amqp")]
    [InlineData(null)]
    public void TryParse_should_fail_when_name_is_not_exact(string? wire)
    {
        Assert.False(ConnectionTypes.TryParse(wire, out _));
    }
}
