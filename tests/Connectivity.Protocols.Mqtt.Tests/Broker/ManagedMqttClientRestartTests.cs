using System.Text;
using System.Threading.Channels;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Mqtt;
using Connectivity.TestKit.Time;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Broker;

/// <summary>
/// A real mosquitto restarted under two managed clients: both reconnect, the subscriber subscribes again, and every
/// QoS 1/2 message the publisher was given while the broker was down reaches the subscriber afterwards.
/// </summary>
public sealed class ManagedMqttClientRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // The publisher reconnects on a test clock, so the test lets it back only once the subscriber is subscribed again
    // (the broker keeps no sessions across the restart: persistence false). A delay no other timer of the client has.
    private static readonly TimeSpan PublisherReconnectDelay = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Managed_clients_should_lose_no_QoS_1_or_2_message_when_the_broker_restarts(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        var received = Channel.CreateUnbounded<string>();
        await using var subscriber = new ManagedMqttClient(new ManagedMqttClientOptions
        {
            Client = Options(broker, version, "restart-subscriber"),
            MinReconnectDelay = TimeSpan.FromMilliseconds(50),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
        });
        subscriber.MessageReceived = message => ValueTask.FromResult(received.Writer.TryWrite(Encoding.UTF8.GetString(message.Message.Payload.Span)));
        var subscriberEvents = Watch(subscriber);
        await subscriber.SubscribeAsync([new MqttTopicFilter("restart/#", MqttQos.ExactlyOnce)]);
        await subscriber.StartAsync();

        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var publisher = new ManagedMqttClient(
            new ManagedMqttClientOptions
            {
                Client = Options(broker, version, "restart-publisher"),
                MinReconnectDelay = PublisherReconnectDelay,
                MaxReconnectDelay = PublisherReconnectDelay,
            },
            timeProvider: clock);
        var publisherEvents = Watch(publisher);
        await publisher.StartAsync();
        await subscriberEvents.Connected.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        await publisherEvents.Connected.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        await publisher.PublishAsync(Message("before", MqttQos.AtLeastOnce)).WaitAsync(Patience);
        Assert.Equal("before", await received.Reader.ReadAsync().AsTask().WaitAsync(Patience));

        await broker.StopAsync();
        await subscriberEvents.Disconnected.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        await publisherEvents.Disconnected.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        var during = Enumerable.Range(1, 10)
            .Select(i => publisher.PublishAsync(Message($"during-{i}", i % 2 == 0 ? MqttQos.ExactlyOnce : MqttQos.AtLeastOnce)))
            .ToList();
        Assert.Equal(10, publisher.PendingPublishes);

        await broker.StartAsync();
        await subscriberEvents.Connected.Reader.ReadAsync().AsTask().WaitAsync(Patience); // raised once subscribed again
        await ReconnectDelayArmedAsync(clock);
        clock.Advance(PublisherReconnectDelay);
        await publisherEvents.Connected.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        var results = await Task.WhenAll(during).WaitAsync(Patience);

        Assert.All(results, result => Assert.True(result.IsSuccess));
        var after = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            after.Add(await received.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        }

        // as a set: the broker forwards a QoS 2 message on PUBREL, so it may pass a later QoS 1 one
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"during-{i}").Order(), after.Order());
        Assert.Equal(0, publisher.PendingPublishes);
    }

    private static async Task ReconnectDelayArmedAsync(ManualTimeProvider clock)
    {
        while (await clock.NextTimerCreatedAsync() != PublisherReconnectDelay)
        {
        }
    }

    private static MqttApplicationMessage Message(string text, MqttQos qos) => new("restart/orders", Encoding.UTF8.GetBytes(text), qos);

    private static MqttClientOptions Options(MosquittoBroker broker, MqttProtocolVersion version, string clientId) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        Version = version,
        ClientId = $"{clientId}-{version}",
    };

    private static (Channel<bool> Connected, Channel<bool> Disconnected) Watch(ManagedMqttClient client)
    {
        var connected = Channel.CreateUnbounded<bool>();
        var disconnected = Channel.CreateUnbounded<bool>();
        client.Connected += _ => connected.Writer.TryWrite(true);
        client.Disconnected += _ => disconnected.Writer.TryWrite(true);
        return (connected, disconnected);
    }
}
