using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Mqtt;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Broker;

/// <summary>
/// Publishing leaves nothing for the finalizer: no faulted task that nobody observes (each one costs an exception, a
/// finalizer run and an UnobservedTaskException event, which a bridge benchmark once showed per QoS 1 publish). Runs
/// alone so that no other test's garbage is finalized meanwhile.
/// </summary>
[Collection(nameof(MosquittoPublishCostTests))]
[CollectionDefinition(nameof(MosquittoPublishCostTests), DisableParallelization = true)]
public sealed class MosquittoPublishCostTests
{
    [Theory]
    [InlineData(MqttQos.AtMostOnce)]
    [InlineData(MqttQos.AtLeastOnce)]
    [InlineData(MqttQos.ExactlyOnce)]
    public async Task Publishes_should_leave_no_unobserved_faulted_task(MqttQos qos)
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        var publisher = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            Version = MqttProtocolVersion.V500,
            ClientId = $"cost-{Guid.NewGuid():N}",
        });
        await using (publisher)
        {
            await publisher.ConnectAsync();
            FinalizeEverything();
            var unobserved = new List<Exception>();
            EventHandler<UnobservedTaskExceptionEventArgs> record = (_, e) =>
            {
                lock (unobserved)
                {
                    unobserved.Add(e.Exception);
                }
            };
            TaskScheduler.UnobservedTaskException += record;
            try
            {
                for (var i = 0; i < 200; i++)
                {
                    Assert.True((await publisher.PublishAsync(new MqttApplicationMessage($"cost/{i}", "x"u8.ToArray(), qos))).IsSuccess);
                }

                FinalizeEverything();
            }
            finally
            {
                TaskScheduler.UnobservedTaskException -= record;
            }

            lock (unobserved)
            {
                Assert.True(unobserved.Count == 0, $"{unobserved.Count} unobserved, the first: {unobserved.FirstOrDefault()}");
            }
        }
    }

    private static void FinalizeEverything()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
