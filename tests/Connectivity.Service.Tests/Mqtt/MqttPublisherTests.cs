using System.Text;
using Connectivity.Model.Connections;
using Connectivity.Protocols.Mqtt;
using Connectivity.Service.Messaging;
using Connectivity.TestKit.Mqtt;
using Xunit;
using static Connectivity.Service.Tests.Mqtt.MqttBindingHarness;

namespace Connectivity.Service.Tests.Mqtt;

/// <summary>Publishing of <c>mqtt</c> and <c>mqtt-5</c> connections (spec §8.3) through a real mosquitto.</summary>
public sealed class MqttPublisherTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task MqttPublisher_should_deliver_to_the_address_with_the_targets_qos_when_publishing(int qos)
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = new MqttBindingHarness();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker, "out/#");
        var client = await h.ConnectAsync(Mqtt5($"tcp://{broker.Host}:{broker.Port}"));
        var target = new Target { Address = "out/{{ thing:name }}", Qos = qos };

        var outcome = await client.Publisher!.PublishAsync(new PublishRequest(target, "out/d1", Text("""{"temp":21.5}""")), CancellationToken.None);
        var received = await subscriber.NextAsync();

        Assert.Equal((true, 200), (outcome.Success, outcome.Status));
        Assert.Contains("'out/d1'", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(("out/d1", (MqttQos)qos, false), (received.Topic, received.Qos, received.Retain));
        Assert.Equal("""{"temp":21.5}""", Encoding.UTF8.GetString(received.Payload.Span));
    }

    [Fact]
    public async Task MqttPublisher_should_map_headers_to_mqtt_5_properties_and_user_properties_when_the_connection_is_mqtt_5()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = new MqttBindingHarness();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker, "override/#");
        var client = await h.ConnectAsync(Mqtt5($"tcp://{broker.Host}:{broker.Port}"));

        var outcome = await client.Publisher!.PublishAsync(Request("out/d1", qos: 0, HeadersOfEveryKind()), CancellationToken.None);
        var received = await subscriber.NextAsync();

        Assert.True(outcome.Success, outcome.Detail);
        Assert.Equal(("override/d1", MqttQos.ExactlyOnce, true), (received.Topic, received.Qos, received.Retain));
        Assert.Equal("corr-1", Encoding.UTF8.GetString(received.CorrelationData!.Value.Span));
        Assert.Equal(("replies/d1", "application/json"), (received.ResponseTopic, received.ContentType));
        Assert.InRange(received.MessageExpiryInterval ?? 0, 3000u, 3600u);
        Assert.Equal(MqttPayloadFormatIndicator.CharacterData, received.PayloadFormatIndicator);
        Assert.Equal(
            new Dictionary<string, string> { ["x-device"] = "d1", ["trace"] = "abc" },
            received.UserProperties.ToDictionary(p => p.Name, p => p.Value));
    }

    [Fact]
    public async Task MqttPublisher_should_send_topic_qos_and_retain_but_no_headers_when_the_connection_is_mqtt_3_1_1()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = new MqttBindingHarness();
        var client = await h.ConnectAsync(Mqtt5($"tcp://{broker.Host}:{broker.Port}") with { Type = ConnectionType.Mqtt });

        var outcome = await client.Publisher!.PublishAsync(Request("out/d1", qos: 0, HeadersOfEveryKind()), CancellationToken.None);
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker, "override/#");
        var retained = await subscriber.NextAsync();

        Assert.True(outcome.Success, outcome.Detail);
        Assert.Equal(("override/d1", MqttQos.ExactlyOnce, true), (retained.Topic, retained.Qos, retained.Retain));
        Assert.Equal("""{"temp":21.5}""", Encoding.UTF8.GetString(retained.Payload.Span));
        Assert.Null(retained.CorrelationData);
        Assert.Null(retained.ResponseTopic);
        Assert.Null(retained.ContentType);
        Assert.Null(retained.MessageExpiryInterval);
        Assert.Empty(retained.UserProperties);
    }

    [Fact]
    public async Task MqttPublisher_should_publish_through_the_publisher_session_when_a_separate_publisher_client_is_configured()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions { ExtraConfiguration = ["log_type debug"] });
        await using var h = new MqttBindingHarness();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker, "out/#");
        var connection = Mqtt5($"tcp://{broker.Host}:{broker.Port}") with
        {
            SpecificConfig = new Dictionary<string, string> { ["clientId"] = "consumer-x", ["separatePublisherClient"] = "true" },
        };
        var client = await h.ConnectAsync(connection);

        var outcome = await client.Publisher!.PublishAsync(Request("out/d1", qos: 1), CancellationToken.None);
        await subscriber.NextAsync();

        Assert.True(outcome.Success, outcome.Detail);
        Assert.Contains("Received PUBLISH from consumer-xp ", broker.ReadLog(), StringComparison.Ordinal);
        Assert.DoesNotContain("Received PUBLISH from consumer-x ", broker.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MqttPublisher_should_fail_with_503_naming_the_reason_when_the_broker_refuses_the_message()
    {
        var acl = Path.Combine(Path.GetTempPath(), $"acl-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(acl, "topic readwrite allowed/#\n");
        try
        {
            await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions { ExtraConfiguration = [$"acl_file {acl}"] });
            await using var h = new MqttBindingHarness();
            var client = await h.ConnectAsync(Mqtt5($"tcp://{broker.Host}:{broker.Port}"));

            var outcome = await client.Publisher!.PublishAsync(Request("denied/d1", qos: 1), CancellationToken.None);
            var allowed = await client.Publisher!.PublishAsync(Request("allowed/d1", qos: 1), CancellationToken.None);

            Assert.Equal((false, 503), (outcome.Success, outcome.Status));
            Assert.Contains("'denied/d1'", outcome.Detail, StringComparison.Ordinal);
            Assert.Contains("Not authorized (0x87)", outcome.Detail, StringComparison.Ordinal);
            Assert.True(allowed.Success, allowed.Detail);
        }
        finally
        {
            File.Delete(acl);
        }
    }

    [Fact]
    public async Task MqttPublisher_should_fail_with_503_when_the_broker_stopped()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = new MqttBindingHarness();
        var client = await h.ConnectAsync(Mqtt5($"tcp://{broker.Host}:{broker.Port}"));
        var publisher = client.Publisher!;

        await broker.StopAsync();
        await h.NextLossAsync();
        var outcome = await publisher.PublishAsync(Request("out/d1", qos: 1), CancellationToken.None);

        Assert.Equal((false, 503), (outcome.Success, outcome.Status));
        Assert.Contains("'out/d1'", outcome.Detail, StringComparison.Ordinal);
        Assert.Null(client.Publisher);
    }

    [Theory]
    [InlineData("mqtt.qos", "3")]
    [InlineData("mqtt.retain", "maybe")]
    [InlineData("mqtt.message-expiry-interval", "-1")]
    [InlineData("mqtt.topic", "out/+")]
    public async Task MqttPublisher_should_fail_with_400_when_an_mqtt_header_is_invalid(string header, string value)
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = new MqttBindingHarness();
        var client = await h.ConnectAsync(Mqtt5($"tcp://{broker.Host}:{broker.Port}"));

        var outcome = await client.Publisher!.PublishAsync(Request("out/d1", qos: 1, new Dictionary<string, string> { [header] = value }), CancellationToken.None);

        Assert.Equal((false, 400), (outcome.Success, outcome.Status));
        Assert.Contains(value, outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MqttConnectionClient_should_offer_a_publisher_only_while_connected()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = new MqttBindingHarness();
        var client = h.Create(Mqtt5($"tcp://{broker.Host}:{broker.Port}"));
        var before = client.Publisher;

        await client.ConnectAsync(CancellationToken.None);
        var connected = client.Publisher;
        await client.DisconnectAsync(CancellationToken.None);

        Assert.Null(before);
        Assert.NotNull(connected);
        Assert.Null(client.Publisher);
    }

    private static Dictionary<string, string> HeadersOfEveryKind() => new()
    {
        ["mqtt.topic"] = "override/d1",
        ["mqtt.qos"] = "2",
        ["mqtt.retain"] = "true",
        ["mqtt.message-expiry-interval"] = "3600",
        ["correlation-id"] = "corr-1",
        ["reply-to"] = "replies/d1",
        ["x-device"] = "d1",
        ["trace"] = "abc",
        ["ditto-internal"] = "not for the broker",
    };

    private static PublishRequest Request(string address, int qos, Dictionary<string, string>? headers = null) =>
        new(new Target { Address = address, Qos = qos }, address, Text("""{"temp":21.5}""") with { Headers = headers ?? new Dictionary<string, string>() });

    private static OutboundExternalMessage Text(string payload) => new() { TextPayload = payload, ContentType = "application/json" };
}
