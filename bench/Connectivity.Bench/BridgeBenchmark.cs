using System.Globalization;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Mqtt;

namespace Connectivity.Bench;

/// <summary>
/// The <c>bridge</c> subcommand, the data-plane benchmark of the issue: N messages at QoS 1 from one pipelined
/// publisher through mosquitto straight to a subscriber (the reference), with mosquitto_pub/sub, and through one
/// server process (single node, SQLite) whose mqtt-5 connection consumes <c>bench/in/#</c> and publishes each live
/// message to <c>bench/out/{{ thing:name }}</c>, with the Ditto mapper (also publishing through a second MQTT session)
/// and with a JavaScript mapper; msgs/s from first publish to last arrival, every message counted, and the highest paced
/// rate the service passes on without losing one. Then the latency the service adds at a fixed 5,000 msgs/s, and the
/// connection's own metrics beside what was counted.
/// </summary>
internal static class BridgeBenchmark
{
    private const int Devices = 10;
    private const int PacedRate = 5_000;
    private const int PacedSeconds = 5;
    private const string RawTopic = "bench/raw";
    private const int WarningLines = 12;
    private static readonly double[] Percentiles = [0.50, 0.90, 0.99, 1.0];

    public static async Task RunAsync()
    {
        var messages = int.TryParse(Environment.GetEnvironmentVariable("BENCH_BRIDGE_MESSAGES"), CultureInfo.InvariantCulture, out var n) ? n : 50_000;
        var warmUp = Math.Min(messages, 5_000);
        var paced = PacedRate * PacedSeconds;
        var sampleTicks = Environment.TickCount64 * 1_000_000;
        var liveMessageSize = BridgePayloads.LiveMessage(messages, Device(messages), sampleTicks).Length;
        var plainSize = BridgePayloads.Plain(messages, sampleTicks).Length;
        Console.WriteLine($"Bridge benchmark on {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}: " +
            $"{messages:N0} messages at QoS 1 per run, one publisher (MqttClient, MQTT 5, up to {BridgeTraffic.PublishWindow} publishes unfinished), one subscriber");
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions
        {
            // no per-client queue limit (default 1000 QoS 1 messages), so nothing is dropped for a slow consumer; log subscriptions
            ExtraConfiguration = ["max_queued_messages 0", "log_type subscribe"],
        });
        await using var server = await ServerNode.StartAsync("bench-bridge", [], new Dictionary<string, string>());
        Console.WriteLine($"mosquitto on {broker.Host}:{broker.Port} (max_inflight_messages 20, persistence off); " +
            $"service on {server.Http.BaseAddress} (single node, SQLite, log level Warning)");

        Console.WriteLine("(a) raw broker ...");
        await RawAsync(broker, warmUp);
        var raw = Report(await RawAsync(broker, messages));
        Console.WriteLine("(b) mosquitto_pub/mosquitto_sub ...");
        var cli = await MosquittoCliRun.ThroughputAsync(broker, MqttProtocolVersion.V500, MqttQos.AtLeastOnce, messages, liveMessageSize);
        Console.WriteLine($"raw broker at {PacedRate:N0} msgs/s for {PacedSeconds} s ...");
        var rawPaced = Report(await RawAsync(broker, paced, PacedRate));

        Console.WriteLine("(c) service, Ditto mapper: burst, latency run, sustained rate ...");
        ServiceRun ditto, dittoPaced;
        ServiceRun? dittoSustained;
        await using (var service = await BridgeService.OpenAsync(server, broker, BridgeConnections.Ditto("bench-ditto", broker), LiveMessage))
        {
            ditto = Report(await service.MeasureAsync(messages));
            dittoPaced = Report(await service.MeasureAsync(paced, PacedRate));
            dittoSustained = await service.SustainedAsync();
        }

        Console.WriteLine("(c') service, Ditto mapper, publishing through a second MQTT session: burst ...");
        ServiceRun separate;
        await using (var service = await BridgeService.OpenAsync(
                         server, broker, BridgeConnections.Ditto("bench-ditto-separate", broker, separatePublisherClient: true), LiveMessage))
        {
            separate = Report(await service.MeasureAsync(messages));
        }

        Console.WriteLine("(d) service, JavaScript mapper: burst, sustained rate ...");
        ServiceRun javaScript;
        ServiceRun? javaScriptSustained;
        await using (var service = await BridgeService.OpenAsync(server, broker, BridgeConnections.JavaScript("bench-js", broker), Plain))
        {
            javaScript = Report(await service.MeasureAsync(messages));
            javaScriptSustained = await service.SustainedAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"{$"throughput, QoS 1 (load average now {LoadAverage()})",-60} {"payload [B]",11} {"msgs/s",10} {"lost",7} {"vs (a)",7} {"service CPU/msg",16}");
        Row("(a) raw broker: MqttClient -> bench/raw -> MqttClient", liveMessageSize, raw.MessagesPerSecond, raw.Lost, raw);
        Row("(b) raw broker: mosquitto_pub --repeat / mosquitto_sub", liveMessageSize, cli, null, raw);
        Row("(c) service, Ditto mapper", liveMessageSize, ditto.Traffic.MessagesPerSecond, ditto.Traffic.Lost, raw, ditto);
        SustainedRow("(c) service, Ditto mapper, highest paced rate, none lost", liveMessageSize, dittoSustained, raw);
        Row("(c') service, Ditto mapper, separatePublisherClient", liveMessageSize, separate.Traffic.MessagesPerSecond, separate.Traffic.Lost, raw, separate);
        Row("(d) service, JavaScript mapper", plainSize, javaScript.Traffic.MessagesPerSecond, javaScript.Traffic.Lost, raw, javaScript);
        SustainedRow("(d) service, JavaScript mapper, highest paced rate, none lost", plainSize, javaScriptSustained, raw);
        Console.WriteLine($"msgs/s: first publish to last arrival; (a), (c), (d): {messages:N0} messages as fast as the publisher goes, (b) one at a time " +
            "(the next after the PUBACK); 'highest paced rate': the fastest of 1,000..40,000 msgs/s for 3 s at which every message arrived.");
        Console.WriteLine("(c), (d): the service consumes bench/in/<device> and publishes the live message as Ditto Protocol JSON to bench/out/<device>; " +
            "'lost': consumed and acknowledged by the service, never published.");
        Console.WriteLine("(c'): as (c) with specificConfig separatePublisherClient=true: the acknowledgements of the service's publishes come on their " +
            "own socket instead of behind the messages the broker queued for the consuming session.");
        Console.WriteLine("Anchors: Ditto publishes ~600 live msgs/s per connectivity instance; eKuiper ~10-12k msgs/s per core; goal: (c) at least 50 % of (a).");

        Console.WriteLine();
        Console.WriteLine($"{$"latency at {PacedRate:N0} msgs/s for {PacedSeconds} s ({paced:N0} messages) [ms]",-60} {"p50",8} {"p90",8} {"p99",8} {"max",8} {"lost",7} {"sent/s",8}");
        LatencyRow("raw broker", rawPaced);
        LatencyRow("service, Ditto mapper", dittoPaced.Traffic);
        Console.WriteLine($"{"added by the service",-60} " + string.Join(" ", Percentiles.Select(
            f => $"{dittoPaced.Traffic.LatencyMilliseconds(f) - rawPaced.LatencyMilliseconds(f),8:F2}")));

        Console.WriteLine();
        Console.WriteLine("the service's connection metrics after each measured run (retrieveConnectionMetrics, reset before it, last hour; " +
            "'dropped (failed n)': the outbound queue of 1,000 was full):");
        var runs = new[] { ("(c) Ditto mapper", ditto), ("latency run", dittoPaced), ("(c') separate publisher", separate), ("(d) JavaScript mapper", javaScript) };
        foreach (var (name, run) in runs)
        {
            var verdict = run.Metrics.Agree(run.Traffic.Sent, run.Traffic.Arrived) ? "agree with the counts here" : "DIFFER from the counts here";
            Console.WriteLine($"{name}: {run.Traffic.Sent:N0} sent, {run.Traffic.Arrived:N0} arrived; metrics: {run.Metrics} -> {verdict}");
        }

        var warnings = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Console.WriteLine();
        Console.WriteLine(warnings.Length == 0
            ? "the service logged no warnings"
            : $"the service's last log lines (level Warning and up):\n{string.Join('\n', warnings.TakeLast(WarningLines))}");
    }

    private static Task<TrafficResult> RawAsync(MosquittoBroker broker, int messages, double? rate = null) =>
        BridgeTraffic.RunAsync(broker, RawTopic, messages, (seq, sentAt) => new MqttApplicationMessage(RawTopic, BridgePayloads.LiveMessage(seq, Device(seq), sentAt), MqttQos.AtLeastOnce), rate);

    private static MqttApplicationMessage LiveMessage(int seq, long sentAt) =>
        new(BridgeConnections.InTopicPrefix + Device(seq), BridgePayloads.LiveMessage(seq, Device(seq), sentAt), MqttQos.AtLeastOnce);

    private static MqttApplicationMessage Plain(int seq, long sentAt) =>
        new(BridgeConnections.InTopicPrefix + Device(seq), BridgePayloads.Plain(seq, sentAt), MqttQos.AtLeastOnce);

    private static string Device(int seq) => "d" + (seq % Devices).ToString(CultureInfo.InvariantCulture);

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Prints what went wrong in a run, if anything, and hands the result on.</summary>
    private static TrafficResult Report(TrafficResult result)
    {
        if (result.Problems() is { } problems)
        {
            Console.WriteLine($"  NOT ALL ARRIVED (waited until nothing new came for {BridgeTraffic.IdleTimeout.TotalSeconds:F0} s, " +
                $"at most {BridgeTraffic.Deadline.TotalMinutes:F0} min after the last publish): {problems}");
        }

        return result;
    }

    private static ServiceRun Report(ServiceRun run)
    {
        Report(run.Traffic);
        return run;
    }

    private static void Row(string name, int payload, double perSecond, int? lost, TrafficResult raw, ServiceRun? service = null) =>
        Console.WriteLine($"{name,-60} {payload,11} {perSecond,10:N0} {(lost is { } l ? l.ToString("N0", CultureInfo.InvariantCulture) : "-"),7} " +
            $"{perSecond / raw.MessagesPerSecond,7:P0} {(service is null ? "" : $"{service.CpuMicrosecondsPerMessage:F0} µs"),16}");

    private static void SustainedRow(string name, int payload, ServiceRun? sustained, TrafficResult raw)
    {
        if (sustained is null)
        {
            Console.WriteLine($"{name,-60} {payload,11} {"< 1,000",10}");
            return;
        }

        Row(name, payload, sustained.Traffic.MessagesPerSecond, sustained.Traffic.Lost, raw, sustained);
    }

    private static void LatencyRow(string name, TrafficResult run) =>
        Console.WriteLine($"{name,-60} {run.LatencyMilliseconds(0.50),8:F2} {run.LatencyMilliseconds(0.90),8:F2} {run.LatencyMilliseconds(0.99),8:F2} " +
            $"{run.LatencyMilliseconds(1.0),8:F2} {run.Lost,7:N0} {run.PublishRate,8:N0}");
}
