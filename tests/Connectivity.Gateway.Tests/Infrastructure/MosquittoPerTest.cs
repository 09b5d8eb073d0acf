using Connectivity.TestKit.Mqtt;
using Xunit;

namespace Connectivity.Gateway.Tests.Infrastructure;

/// <summary>A test class whose every test gets a mosquitto of its own, started before and stopped after it.</summary>
public abstract class MosquittoPerTest : IAsyncLifetime
{
    private MosquittoBroker? broker;

    protected MosquittoBroker Broker => broker ?? throw new InvalidOperationException("mosquitto is not started");

    /// <summary>How each test's mosquitto is configured; the defaults unless a test class says otherwise.</summary>
    protected virtual MosquittoBrokerOptions BrokerOptions => new();

    public virtual async Task InitializeAsync() => broker = await MosquittoBroker.StartNewAsync(BrokerOptions);

    public virtual async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }

    /// <summary>Publishes with mosquitto_pub at QoS 1 over MQTT 5, with user properties.</summary>
    protected Task PublishAsync(string topic, string payload, params (string Name, string Value)[] properties) =>
        new MosquittoPub(Broker.Host, Broker.Port, topic, payload) { Qos = 1, V5 = true, Properties = properties }.RunAsync();
}
