using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Mqtt;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Broker;

/// <summary>
/// Publish and subscribe through a real mosquitto at QoS 0/1/2 in MQTT 3.1.1 and 5: our client to our client, and
/// against the mosquitto_pub / mosquitto_sub CLIs as an independent implementation on the other side.
/// </summary>
public sealed class MosquittoPublishSubscribeTests
{
    public static TheoryData<MqttProtocolVersion, MqttQos> VersionsAndQos => new()
    {
        { MqttProtocolVersion.V311, MqttQos.AtMostOnce },
        { MqttProtocolVersion.V311, MqttQos.AtLeastOnce },
        { MqttProtocolVersion.V311, MqttQos.ExactlyOnce },
        { MqttProtocolVersion.V500, MqttQos.AtMostOnce },
        { MqttProtocolVersion.V500, MqttQos.AtLeastOnce },
        { MqttProtocolVersion.V500, MqttQos.ExactlyOnce },
    };

    [Theory]
    [MemberData(nameof(VersionsAndQos))]
    public async Task Subscriber_should_receive_what_the_publisher_sent_at_the_requested_QoS(MqttProtocolVersion version, MqttQos qos)
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var subscriber = await ConnectAsync(broker, version);
        var received = Collect(subscriber);
        await subscriber.SubscribeAsync([new MqttTopicFilter("orders/#", MqttQos.ExactlyOnce)]);
        await using var publisher = await ConnectAsync(broker, version);

        var results = new List<MqttPublishResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await publisher.PublishAsync(new MqttApplicationMessage($"orders/{i}", Encoding.UTF8.GetBytes($"order {i}"), qos)));
        }

        Assert.All(results, result => Assert.True(result.IsSuccess));
        for (var i = 0; i < 3; i++)
        {
            var message = await received.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal($"orders/{i}", message.Message.Topic);
            Assert.Equal($"order {i}", Encoding.UTF8.GetString(message.Message.Payload.Span));
            Assert.Equal(qos, message.Message.Qos);
        }
    }

    [Theory]
    [MemberData(nameof(VersionsAndQos))]
    public async Task Client_should_receive_what_mosquitto_pub_sends(MqttProtocolVersion version, MqttQos qos)
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var subscriber = await ConnectAsync(broker, version);
        var received = Collect(subscriber);
        await subscriber.SubscribeAsync([new MqttTopicFilter("cli/+", MqttQos.ExactlyOnce)]);

        await new MosquittoPub(broker.Host, broker.Port, "cli/in", "from the cli") { Qos = (int)qos, V5 = version == MqttProtocolVersion.V500 }.RunAsync();

        var message = await received.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("cli/in", message.Message.Topic);
        Assert.Equal("from the cli", Encoding.UTF8.GetString(message.Message.Payload.Span));
        Assert.Equal(qos, message.Message.Qos);
    }

    [Theory]
    [MemberData(nameof(VersionsAndQos))]
    public async Task Mosquitto_sub_should_receive_what_the_client_publishes(MqttProtocolVersion version, MqttQos qos)
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var cli = await MosquittoSub.StartAsync(broker.Host, broker.Port, "out/#", 2, version == MqttProtocolVersion.V500);
        await using var publisher = await ConnectAsync(broker, version);

        var result = await publisher.PublishAsync(new MqttApplicationMessage("out/1", "to the cli"u8.ToArray(), qos));

        Assert.True(result.IsSuccess);
        var fields = await cli.ReadMessageAsync();
        Assert.Equal("out/1", fields[0]);
        Assert.Equal(((int)qos).ToString(CultureInfo.InvariantCulture), fields[1]);
        Assert.Equal("to the cli", fields[^1]);
    }

    [Theory]
    [InlineData(MqttQos.AtLeastOnce)]
    [InlineData(MqttQos.ExactlyOnce)]
    public async Task Subscriber_should_receive_the_MQTT_5_properties_the_publisher_set(MqttQos qos)
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var subscriber = await ConnectAsync(broker, MqttProtocolVersion.V500);
        var received = Collect(subscriber);
        await subscriber.SubscribeAsync([new MqttTopicFilter("rpc/#", qos)]);
        await using var publisher = await ConnectAsync(broker, MqttProtocolVersion.V500);

        await publisher.PublishAsync(WithProperties(new MqttApplicationMessage("rpc/request", "{}"u8.ToArray(), qos)));

        var message = (await received.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20))).Message;
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("rpc/reply/7", message.ResponseTopic);
        Assert.Equal("corr-7"u8.ToArray(), message.CorrelationData!.Value.ToArray());
        Assert.InRange(message.MessageExpiryInterval!.Value, 1u, 60u);
        Assert.Equal([new MqttUserProperty("tenant", "t1"), new MqttUserProperty("trace", "abc")], message.UserProperties);
        Assert.Equal(MqttPayloadFormatIndicator.CharacterData, message.PayloadFormatIndicator);
    }

    [Fact]
    public async Task Client_should_receive_the_MQTT_5_properties_mosquitto_pub_sets()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var subscriber = await ConnectAsync(broker, MqttProtocolVersion.V500);
        var received = Collect(subscriber);
        await subscriber.SubscribeAsync([new MqttTopicFilter("rpc/#", MqttQos.AtLeastOnce)]);

        await new MosquittoPub(broker.Host, broker.Port, "rpc/request", "{}")
        {
            Qos = 1,
            V5 = true,
            Properties =
            [
                ("content-type", "application/json"), ("response-topic", "rpc/reply/7"), ("correlation-data", "corr-7"),
                ("message-expiry-interval", "60"), ("user-property", "tenant t1"),
            ],
        }.RunAsync();

        var message = (await received.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20))).Message;
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("rpc/reply/7", message.ResponseTopic);
        Assert.Equal("corr-7", Encoding.UTF8.GetString(message.CorrelationData!.Value.Span));
        Assert.InRange(message.MessageExpiryInterval!.Value, 1u, 60u);
        Assert.Equal([new MqttUserProperty("tenant", "t1")], message.UserProperties);
    }

    [Fact]
    public async Task Mosquitto_sub_should_receive_the_MQTT_5_properties_the_client_sets()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var cli = await MosquittoSub.StartAsync(broker.Host, broker.Port, "rpc/#", 1, v5: true);
        await using var publisher = await ConnectAsync(broker, MqttProtocolVersion.V500);

        await publisher.PublishAsync(WithProperties(new MqttApplicationMessage("rpc/request", "{}"u8.ToArray(), MqttQos.AtLeastOnce)));

        // topic | qos | content type | correlation data | expiry | response topic | user properties | payload
        var fields = await cli.ReadMessageAsync();
        Assert.Equal("application/json", fields[2]);
        Assert.Equal("corr-7", fields[3]);
        Assert.InRange(int.Parse(fields[4], CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("rpc/reply/7", fields[5]);
        Assert.Equal("tenant:t1 trace:abc", fields[6]);
        Assert.Equal("{}", fields[7]);
    }

    [Fact]
    public async Task Subscriber_should_receive_nothing_more_after_UnsubscribeAsync()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var subscriber = await ConnectAsync(broker, MqttProtocolVersion.V500);
        var received = Collect(subscriber);
        await subscriber.SubscribeAsync([new MqttTopicFilter("a", MqttQos.AtLeastOnce), new MqttTopicFilter("b", MqttQos.AtLeastOnce)]);
        await using var publisher = await ConnectAsync(broker, MqttProtocolVersion.V500);

        var unsubAck = await subscriber.UnsubscribeAsync(["a"]);
        await publisher.PublishAsync(new MqttApplicationMessage("a", "gone"u8.ToArray(), MqttQos.AtLeastOnce));
        await publisher.PublishAsync(new MqttApplicationMessage("b", "kept"u8.ToArray(), MqttQos.AtLeastOnce));

        Assert.Equal([MqttUnsubscribeReasonCode.Success], unsubAck.ReasonCodes);
        var message = await received.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("b", message.Message.Topic); // "a" was published first on the same connection and would come first
    }

    private static MqttApplicationMessage WithProperties(MqttApplicationMessage message) => message with
    {
        ContentType = "application/json",
        ResponseTopic = "rpc/reply/7",
        CorrelationData = "corr-7"u8.ToArray(),
        MessageExpiryInterval = 60,
        PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
        UserProperties = [new MqttUserProperty("tenant", "t1"), new MqttUserProperty("trace", "abc")],
    };

    private static async Task<MqttClient> ConnectAsync(MosquittoBroker broker, MqttProtocolVersion version)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            Version = version,
            ClientId = $"pubsub-{Guid.NewGuid():N}",
        });
        await client.ConnectAsync();
        return client;
    }

    private static ChannelReader<MqttReceivedMessage> Collect(MqttClient client)
    {
        var received = Channel.CreateUnbounded<MqttReceivedMessage>();
        client.MessageReceived = message => ValueTask.FromResult(received.Writer.TryWrite(message));
        return received.Reader;
    }
}
