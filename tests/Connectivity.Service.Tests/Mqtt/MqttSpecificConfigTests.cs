using Connectivity.Messaging.Mqtt;
using Connectivity.Model.Connections;
using Connectivity.Protocols.Mqtt;
using Connectivity.Service.Clients;
using Xunit;

namespace Connectivity.Service.Tests.Mqtt;

public sealed class MqttSpecificConfigTests
{
    private static readonly Connection Single = new()
    {
        Id = "conn-1",
        Type = ConnectionType.Mqtt5,
        ConnectionStatus = ConnectivityStatus.Open,
        Uri = "tcp://127.0.0.1:1883",
    };

    [Fact]
    public void MqttSpecificConfig_should_use_dittos_defaults_when_nothing_is_configured()
    {
        var config = MqttSpecificConfig.Parse(new Dictionary<string, string>());

        Assert.Equal(
            (false, false, false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)),
            (config.SeparatePublisherClient, config.CleanSession, config.ReconnectForRedelivery, config.ReconnectForRedeliveryDelay, config.KeepAlive));
        Assert.Null(config.Will);
        Assert.Equal("conn-1", config.ConsumerClientId(Single, 0));
        Assert.Equal("conn-1p", config.PublisherClientId(Single, 0));
    }

    [Fact]
    public void MqttSpecificConfig_should_read_every_key_when_all_are_configured()
    {
        var config = MqttSpecificConfig.Parse(new Dictionary<string, string>
        {
            ["clientId"] = "device",
            ["publisherId"] = "pub",
            ["separatePublisherClient"] = "true",
            ["cleanSession"] = "TRUE",
            ["reconnectForRedelivery"] = "true",
            ["reconnectForRedeliveryDelay"] = "3s",
            ["keepAlive"] = "2m",
            ["lastWillTopic"] = "status/device",
            ["lastWillQos"] = "1",
            ["lastWillRetain"] = "true",
            ["lastWillMessage"] = "offline",
        });

        Assert.Equal(
            (true, true, true, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(2)),
            (config.SeparatePublisherClient, config.CleanSession, config.ReconnectForRedelivery, config.ReconnectForRedeliveryDelay, config.KeepAlive));
        var will = Assert.IsType<MqttWill>(config.Will);
        Assert.Equal(("status/device", MqttQos.AtLeastOnce, true, "offline"), (will.Topic, will.Qos, will.Retain, System.Text.Encoding.UTF8.GetString(will.Payload.Span)));
        Assert.Equal("device", config.ConsumerClientId(Single, 0));
        Assert.Equal("pub", config.PublisherClientId(Single, 0));
    }

    [Fact]
    public void MqttSpecificConfig_should_append_the_client_index_when_the_connection_has_several_clients()
    {
        var several = Single with { ClientCount = 3 };
        var configured = MqttSpecificConfig.Parse(new Dictionary<string, string> { ["clientId"] = "device" });
        var defaults = MqttSpecificConfig.Parse(new Dictionary<string, string>());

        Assert.Equal(["conn-1_0", "conn-1_1", "conn-1_2"], Enumerable.Range(0, 3).Select(i => defaults.ConsumerClientId(several, i)));
        Assert.Equal("device_2", configured.ConsumerClientId(several, 2));
        Assert.Equal("devicep_2", configured.PublisherClientId(several, 2));
    }

    [Fact]
    public void MqttSpecificConfig_should_raise_the_redelivery_delay_to_one_second_when_shorter()
    {
        var config = MqttSpecificConfig.Parse(new Dictionary<string, string> { ["reconnectForRedeliveryDelay"] = "200ms" });

        Assert.Equal(TimeSpan.FromSeconds(1), config.ReconnectForRedeliveryDelay);
    }

    [Theory]
    [InlineData("keepAlive", "65536s")]
    [InlineData("keepAlive", "soon")]
    [InlineData("lastWillQos", "3")]
    [InlineData("cleanSession", "yes")]
    [InlineData("reconnectForRedeliveryDelay", "-1s")]
    public void MqttSpecificConfig_should_fail_misconfigured_when_a_value_is_invalid(string key, string value)
    {
        var failure = Assert.Throws<ConnectionFailureException>(() => MqttSpecificConfig.Parse(new Dictionary<string, string> { [key] = value }));

        Assert.True(failure.IsUserIndicated);
        Assert.Contains($"'{key}' <{value}>", failure.Message, StringComparison.Ordinal);
    }
}
