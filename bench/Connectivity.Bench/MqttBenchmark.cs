using System.Diagnostics;
using System.Globalization;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Mqtt;

namespace Connectivity.Bench;

/// <summary>
/// The <c>mqtt</c> subcommand: publish + receive throughput of N messages of 64 bytes at QoS 0 and 1 through one
/// mosquitto 2.0 on 127.0.0.1 (one publisher client, one subscriber client), with our MqttClient and with the
/// mosquitto_pub / mosquitto_sub CLIs (libmosquitto, C) side by side; p50/p99 publish-to-receive latency for ours.
/// </summary>
internal static class MqttBenchmark
{
    private const int PayloadSize = 64;
    private const int PublishWindow = 1000; // our publisher keeps at most this many publishes unfinished
    private const int Pings = 2000;

    public static async Task RunAsync()
    {
        var messages = int.TryParse(Environment.GetEnvironmentVariable("BENCH_MQTT_MESSAGES"), CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        Console.WriteLine($"MQTT benchmark on {Environment.ProcessorCount} cores, .NET {Environment.Version}: {messages:N0} messages of {PayloadSize} bytes per run");
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions
        {
            // no per-client queue limit (default 1000 QoS 1/2 messages), so a fast publisher loses nothing; log subscriptions
            ExtraConfiguration = ["max_queued_messages 0", "log_type subscribe"],
        });
        Console.WriteLine($"mosquitto 2.0 on {broker.Host}:{broker.Port} (max_inflight_messages 20 = MQTT 5 Receive Maximum, persistence off)");

        foreach (var qos in new[] { MqttQos.AtMostOnce, MqttQos.AtLeastOnce })
        {
            await OurThroughputAsync(broker, MqttProtocolVersion.V311, qos, Math.Min(messages, 20_000), PublishWindow); // warm-up (JIT)
            await OurThroughputAsync(broker, MqttProtocolVersion.V500, qos, Math.Min(messages, 20_000), window: 1);
        }
        var rows = new List<Row>();
        foreach (var version in new[] { MqttProtocolVersion.V311, MqttProtocolVersion.V500 })
        {
            foreach (var qos in new[] { MqttQos.AtMostOnce, MqttQos.AtLeastOnce })
            {
                var ours = await OurThroughputAsync(broker, version, qos, messages, PublishWindow);
                var oneInFlight = await OurThroughputAsync(broker, version, qos, messages, window: 1);
                var cli = await MosquittoCliRun.ThroughputAsync(broker, version, qos, messages, PayloadSize);
                var idle = await OurRoundTripsAsync(broker, version, qos);
                rows.Add(new Row(version, qos, ours, oneInFlight.MessagesPerSecond, cli, idle));
            }
        }

        Console.WriteLine();
        Console.WriteLine(
            $"{"run",-10} {"ours [msgs/s]",14} {"ours, 1 in flight",18} {"mosquitto_pub/sub",18} {"ours p50 [ms]",14} {"ours p99 [ms]",14} " +
            $"{"1-by-1 p50 [ms]",16} {"1-by-1 p99 [ms]",16}");
        foreach (var row in rows)
        {
            var name = $"{(row.Version == MqttProtocolVersion.V311 ? "3.1.1" : "5")} QoS {(int)row.Qos}";
            Console.WriteLine(
                $"{name,-10} {row.Ours.MessagesPerSecond,14:N0} {row.OneInFlight,18:N0} {row.Cli,18:N0} " +
                $"{row.Ours.P50,14:F2} {row.Ours.P99,14:F2} {row.Idle.P50,16:F3} {row.Idle.P99,16:F3}");
        }

        Console.WriteLine();
        Console.WriteLine($"msgs/s: first publish to last message received. 'ours' keeps up to {PublishWindow} publishes unfinished " +
            "(MQTT 5: at most 20 unacknowledged, the broker's Receive Maximum);");
        Console.WriteLine("'ours, 1 in flight' and mosquitto_pub --repeat N publish each message once the previous one completed " +
            "(QoS 0: written, QoS 1: PUBACK); the CLI's process start (a few ms) is included.");
        Console.WriteLine("ours p50/p99: publish call to handler call of each message during the throughput run (includes queueing);");
        Console.WriteLine($"1-by-1: {Pings:N0} messages, each published only after the previous one arrived (round trip through the broker).");
        if (rows.Any(row => row.Ours.Lost > 0))
        {
            Console.WriteLine("WARNING: some QoS 0 messages were not received (see 'lost' lines above).");
        }
    }

    private static async Task<Throughput> OurThroughputAsync(MosquittoBroker broker, MqttProtocolVersion version, MqttQos qos, int messages, int window)
    {
        var topic = $"bench/ours/{Guid.NewGuid():N}";
        var latencies = new long[messages];
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscriber = new MqttClient(Options(broker, version, "bench-sub"));
        subscriber.MessageReceived = message =>
        {
            var sent = BitConverter.ToInt64(message.Message.Payload.Span);
            var index = Interlocked.Increment(ref received) - 1;
            if (index < latencies.Length)
            {
                latencies[index] = Stopwatch.GetTimestamp() - sent;
            }

            if (index == messages - 1)
            {
                done.TrySetResult();
            }

            return ValueTask.FromResult(true);
        };
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync([new MqttTopicFilter(topic, qos)]);
        await using var publisher = new MqttClient(Options(broker, version, "bench-pub"));
        await publisher.ConnectAsync();

        using var unfinished = new SemaphoreSlim(window);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < messages; i++)
        {
            await unfinished.WaitAsync();
            var payload = new byte[PayloadSize];
            BitConverter.TryWriteBytes(payload, Stopwatch.GetTimestamp());
            _ = publisher.PublishAsync(new MqttApplicationMessage(topic, payload, qos)).ContinueWith(
                (publish, gate) => ((SemaphoreSlim)gate!).Release(), unfinished, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        // QoS 0 may be dropped by the broker; wait for the last one a while, then count what arrived
        var allArrived = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(qos == MqttQos.AtMostOnce ? 10 : 120))) == done.Task;
        var elapsed = Stopwatch.GetElapsedTime(started);
        var count = Math.Min(Volatile.Read(ref received), messages);
        if (!allArrived)
        {
            Console.WriteLine($"lost: {messages - count:N0} of {messages:N0} ({version}, QoS {(int)qos})");
        }

        var sample = latencies.AsSpan(0, count).ToArray();
        Array.Sort(sample);
        return new Throughput(count / elapsed.TotalSeconds, Milliseconds(Percentile(sample, 0.50)), Milliseconds(Percentile(sample, 0.99)), messages - count);
    }

    private static async Task<(double P50, double P99)> OurRoundTripsAsync(MosquittoBroker broker, MqttProtocolVersion version, MqttQos qos)
    {
        var topic = $"bench/ping/{Guid.NewGuid():N}";
        var arrived = new SemaphoreSlim(0);
        await using var subscriber = new MqttClient(Options(broker, version, "bench-ping-sub"));
        subscriber.MessageReceived = _ =>
        {
            arrived.Release();
            return ValueTask.FromResult(true);
        };
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync([new MqttTopicFilter(topic, qos)]);
        await using var publisher = new MqttClient(Options(broker, version, "bench-ping-pub"));
        await publisher.ConnectAsync();

        var samples = new long[Pings];
        var payload = new byte[PayloadSize];
        for (var i = 0; i < Pings; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await publisher.PublishAsync(new MqttApplicationMessage(topic, payload, qos));
            await arrived.WaitAsync();
            samples[i] = Stopwatch.GetTimestamp() - started;
        }

        Array.Sort(samples);
        return (Milliseconds(Percentile(samples, 0.50)), Milliseconds(Percentile(samples, 0.99)));
    }

    private static MqttClientOptions Options(MosquittoBroker broker, MqttProtocolVersion version, string clientId) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        Version = version,
        ClientId = $"{clientId}-{Guid.NewGuid():N}"[..23],
        CommunicationTimeout = TimeSpan.FromMinutes(2),
    };

    private static long Percentile(long[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private sealed record Throughput(double MessagesPerSecond, double P50, double P99, int Lost);

    private sealed record Row(MqttProtocolVersion Version, MqttQos Qos, Throughput Ours, double OneInFlight, double Cli, (double P50, double P99) Idle);
}
