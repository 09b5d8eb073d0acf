using System.Threading.Channels;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Mqtt;

namespace Connectivity.Service.Tests.Mqtt;

/// <summary>An <see cref="MqttClient"/> of the protocol library that subscribes to a broker and keeps what arrives for the test.</summary>
public sealed class MqttTestSubscriber : IAsyncDisposable
{
    private readonly MqttClient client;
    private readonly Channel<MqttApplicationMessage> received = Channel.CreateUnbounded<MqttApplicationMessage>();

    private MqttTestSubscriber(MqttClient client)
    {
        this.client = client;
        client.MessageReceived = message => ValueTask.FromResult(received.Writer.TryWrite(message.Message));
    }

    /// <summary>Connects and subscribes to <paramref name="filter"/> with QoS 2 (retain as published in MQTT 5).</summary>
    public static async Task<MqttTestSubscriber> StartAsync(MosquittoBroker broker, string filter, MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            Version = version,
            ClientId = $"subscriber-{Guid.NewGuid():N}",
        });
        var subscriber = new MqttTestSubscriber(client);
        await client.ConnectAsync();
        await client.SubscribeAsync([new MqttTopicFilter(filter, MqttQos.ExactlyOnce, RetainAsPublished: version == MqttProtocolVersion.V500)]);
        return subscriber;
    }

    /// <summary>The next message that arrives (waits for it).</summary>
    public async Task<MqttApplicationMessage> NextAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await received.Reader.ReadAsync(patience.Token);
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
