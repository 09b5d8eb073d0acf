using System.Diagnostics;
using System.Globalization;
using Connectivity.Protocols.Mqtt;
using Connectivity.TestKit.Mqtt;

namespace Connectivity.Bench;

/// <summary>
/// The reference side of the <c>mqtt</c> benchmark: <c>mosquitto_sub -C N</c> timed against <c>mosquitto_pub --repeat N</c>,
/// both libmosquitto (C) clients of the same broker. (<c>mosquitto_pub -l</c> reading lines from stdin is no option:
/// the 2.0.11 CLI exits at end of input with QoS 1 messages still queued, about two thirds of 100,000 never sent.)
/// </summary>
internal static class MosquittoCliRun
{
    /// <summary>Messages per second from starting mosquitto_pub until mosquitto_sub exited after the N-th message.</summary>
    public static async Task<double> ThroughputAsync(MosquittoBroker broker, MqttProtocolVersion version, MqttQos qos, int messages, int payloadSize)
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        var topic = $"bench/cli/{run}";
        var subscriberId = $"bench-cli-sub-{run}";
        var common = new[]
        {
            "-h", broker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", topic,
            "-q", ((int)qos).ToString(CultureInfo.InvariantCulture), "-V", version == MqttProtocolVersion.V311 ? "mqttv311" : "mqttv5",
        };

        using var subscriber = Start("/usr/bin/mosquitto_sub", [.. common, "-i", subscriberId, "-C", messages.ToString(CultureInfo.InvariantCulture), "-W", "120"]);
        var drained = subscriber.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var subscriberErrors = subscriber.StandardError.ReadToEndAsync();
        await SubscribedAsync(broker, $"{subscriberId} {(int)qos} {topic}");

        var started = Stopwatch.GetTimestamp();
        using var publisher = Start(
            "/usr/bin/mosquitto_pub",
            [.. common, "-i", $"bench-cli-pub-{run}", "--repeat", messages.ToString(CultureInfo.InvariantCulture), "-m", new string('x', payloadSize)]);
        var publisherErrors = publisher.StandardError.ReadToEndAsync();
        await subscriber.WaitForExitAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        await drained;
        await publisher.WaitForExitAsync();
        if (subscriber.ExitCode != 0 || publisher.ExitCode != 0)
        {
            Console.WriteLine($"mosquitto_sub exited with {subscriber.ExitCode} ({(await subscriberErrors).Trim()}), " +
                $"mosquitto_pub with {publisher.ExitCode} ({(await publisherErrors).Trim()}) for {version}, QoS {(int)qos}");
            return double.NaN;
        }

        if (!broker.IsRunning)
        {
            throw new InvalidOperationException($"mosquitto is gone:\n{broker.ReadLog()}");
        }

        return messages / elapsed.TotalSeconds;
    }

    /// <summary>Waits until the broker logged the subscription (log_type subscribe: "client qos topic").</summary>
    private static async Task SubscribedAsync(MosquittoBroker broker, string logLine)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 20;
        while (!broker.ReadLog().Contains(logLine, StringComparison.Ordinal))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException($"mosquitto_sub did not subscribe ('{logLine}' not in {broker.LogPath}).");
            }

            await Task.Delay(10);
        }
    }

    private static Process Start(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
    }
}
