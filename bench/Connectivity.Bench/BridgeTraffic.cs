using System.Diagnostics;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Mqtt;

namespace Connectivity.Bench;

/// <summary>
/// Drives one run of the <c>bridge</c> benchmark with the project's MqttClient (MQTT 5, QoS 1): a subscriber on the
/// filter counts arrivals (<see cref="Arrivals"/>), then one publisher sends the messages, pipelined with at most
/// <see cref="PublishWindow"/> unfinished, either as fast as that allows or paced at a fixed rate. The run ends when
/// every message arrived, nothing new arrived for <see cref="IdleTimeout"/>, or <see cref="Deadline"/> after the last
/// publish (a trickle of arrivals must not keep the benchmark waiting for hours).
/// </summary>
internal static class BridgeTraffic
{
    public const int PublishWindow = 1000;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <param name="build">The message with sequence number n, stamped with the Stopwatch timestamp of its publish.</param>
    /// <param name="ratePerSecond">Publishes per second; null: as fast as the window allows.</param>
    public static async Task<TrafficResult> RunAsync(
        MosquittoBroker broker, string filter, int messages, Func<int, long, MqttApplicationMessage> build, double? ratePerSecond = null)
    {
        var arrivals = new Arrivals(messages);
        await using var subscriber = new MqttClient(Options(broker, "bridge-sub"));
        subscriber.MessageReceived = received =>
        {
            arrivals.Record(received.Message.Payload.Span);
            return ValueTask.FromResult(true);
        };
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync([new MqttTopicFilter(filter, MqttQos.AtLeastOnce)]);
        await using var publisher = new MqttClient(Options(broker, "bridge-pub"));
        await publisher.ConnectAsync();

        var failures = 0;
        using var unfinished = new SemaphoreSlim(PublishWindow);
        var ticksApart = ratePerSecond is { } rate ? Stopwatch.Frequency / rate : 0;
        var started = Stopwatch.GetTimestamp();
        for (var seq = 0; seq < messages; seq++)
        {
            var due = started + (long)(seq * ticksApart);
            while (due - Stopwatch.GetTimestamp() > Stopwatch.Frequency / 1000)
            {
                await Task.Delay(1);
            }

            await unfinished.WaitAsync();
            _ = publisher.PublishAsync(build(seq, Stopwatch.GetTimestamp())).ContinueWith(
                publish =>
                {
                    if (!publish.IsCompletedSuccessfully || !publish.Result.IsSuccess)
                    {
                        Interlocked.Increment(ref failures);
                    }

                    unfinished.Release();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        var publishing = Stopwatch.GetElapsedTime(started);
        var (arrived, lastProgress, published) = (0, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp());
        while (!arrivals.Complete.IsCompleted && Stopwatch.GetElapsedTime(lastProgress) < IdleTimeout && Stopwatch.GetElapsedTime(published) < Deadline)
        {
            await Task.WhenAny(arrivals.Complete, Task.Delay(200));
            if (arrivals.Distinct != arrived)
            {
                (arrived, lastProgress) = (arrivals.Distinct, Stopwatch.GetTimestamp());
            }
        }

        var last = arrivals.LastArrival;
        return new TrafficResult(
            messages,
            arrivals.Distinct,
            arrivals.Duplicates,
            arrivals.Unreadable,
            Volatile.Read(ref failures),
            last == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(started, last),
            publishing,
            arrivals.SortedLatencies());
    }

    private static MqttClientOptions Options(MosquittoBroker broker, string clientId) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        Version = MqttProtocolVersion.V500,
        ClientId = $"{clientId}-{Guid.NewGuid():N}"[..23],
        CommunicationTimeout = TimeSpan.FromMinutes(2),
    };
}
