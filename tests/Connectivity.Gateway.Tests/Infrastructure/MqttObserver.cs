using System.Collections.Concurrent;
using System.Text;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Mqtt;

namespace Connectivity.Gateway.Tests.Infrastructure;

/// <summary>An MQTT subscriber on a test broker that keeps the topic and UTF-8 payload of everything it receives.</summary>
public sealed class MqttObserver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Topic, string Payload)> received = new();
    private readonly MqttClient client;

    private MqttObserver(MosquittoBroker broker, string clientId)
    {
        client = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = clientId })
        {
            MessageReceived = message =>
            {
                received.Enqueue((message.Message.Topic, Encoding.UTF8.GetString(message.Message.Payload.Span)));
                return ValueTask.FromResult(true);
            },
        };
    }

    /// <summary>What arrived so far, in order.</summary>
    public IReadOnlyList<(string Topic, string Payload)> Received => [.. received];

    /// <summary>Connects as <paramref name="clientId"/> and subscribes to <paramref name="filters"/> with QoS 1.</summary>
    public static async Task<MqttObserver> StartAsync(MosquittoBroker broker, string clientId, params string[] filters)
    {
        var observer = new MqttObserver(broker, clientId);
        await observer.client.ConnectAsync();
        await observer.client.SubscribeAsync([.. filters.Select(f => new MqttTopicFilter(f, MqttQos.AtLeastOnce))]);
        return observer;
    }

    /// <summary>Waits until <paramref name="count"/> messages arrived.</summary>
    public Task WaitForAsync(int count, TimeSpan deadline) =>
        Eventually.UntilAsync(() => Task.FromResult(received.Count), n => n >= count, deadline, n => $"{n} of {count} messages arrived");

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
