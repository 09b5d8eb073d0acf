using System.Text.Json.Nodes;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Mqtt;

namespace Connectivity.Bench;

/// <summary>
/// One connection of the <c>bridge</c> benchmark on the service, open while measured: it is created (piggyback) and
/// warmed up on open, each measurement resets its metrics first and reads them once settled, and it is deleted on
/// dispose. Publishes go to <c>bench/in/&lt;device&gt;</c>, arrivals are counted on <c>bench/out/#</c>.
/// </summary>
internal sealed class BridgeService : IAsyncDisposable
{
    private const int WarmUpMessages = 2_000;
    private const int WarmUpRate = 1_000;
    private const int SustainedSeconds = 3;
    private static readonly int[] SustainedRates = [1_000, 2_500, 5_000, 7_500, 10_000, 15_000, 20_000, 30_000, 40_000];

    private readonly ServerNode server;
    private readonly Piggyback api;
    private readonly MosquittoBroker broker;
    private readonly string id;
    private readonly Func<int, long, MqttApplicationMessage> build;

    private BridgeService(ServerNode server, MosquittoBroker broker, string id, Func<int, long, MqttApplicationMessage> build)
    {
        this.server = server;
        api = new Piggyback(server.Http);
        this.broker = broker;
        this.id = id;
        this.build = build;
    }

    /// <summary>
    /// Creates and opens <paramref name="connection"/> and sends <see cref="WarmUpMessages"/> through it at
    /// <see cref="WarmUpRate"/> (JIT, script engine); throws if one of them does not arrive.
    /// </summary>
    public static async Task<BridgeService> OpenAsync(ServerNode server, MosquittoBroker broker, JsonObject connection, Func<int, long, MqttApplicationMessage> build)
    {
        var service = new BridgeService(server, broker, connection["id"]!.GetValue<string>(), build);
        await service.api.CreateOpenAsync(connection);
        var warmUp = await BridgeTraffic.RunAsync(broker, BridgeConnections.OutFilter, WarmUpMessages, build, WarmUpRate);
        if (warmUp.Problems() is { } problems)
        {
            await service.DisposeAsync();
            throw new InvalidOperationException($"The warm-up through {service.id} failed: {problems}. The server's last output:\n{server.Output}");
        }

        return service;
    }

    /// <param name="rate">Publishes per second; null: as fast as the publisher's window allows.</param>
    public async Task<ServiceRun> MeasureAsync(int messages, double? rate = null)
    {
        await SettledMetricsAsync();
        await api.ResetMetricsAsync(id);
        var cpu = server.ProcessorTime;
        var traffic = await BridgeTraffic.RunAsync(broker, BridgeConnections.OutFilter, messages, build, rate);
        cpu = server.ProcessorTime - cpu;
        return new ServiceRun(traffic, await SettledMetricsAsync(), cpu);
    }

    /// <summary>Paced runs of <see cref="SustainedSeconds"/> s at rising rates until one loses a message or the publisher cannot keep the rate; the last complete one, or null.</summary>
    public async Task<ServiceRun?> SustainedAsync()
    {
        ServiceRun? sustained = null;
        foreach (var rate in SustainedRates)
        {
            var run = await MeasureAsync(rate * SustainedSeconds, rate);
            var problems = run.Traffic.Problems() ?? (run.Traffic.PublishRate < 0.95 * rate ? $"the publisher sent only {run.Traffic.PublishRate:N0}/s" : null);
            Console.WriteLine($"  {rate,6:N0} msgs/s for {SustainedSeconds} s: {problems ?? "all arrived"}");
            if (problems is not null)
            {
                break;
            }

            sustained = run;
        }

        return sustained;
    }

    public async ValueTask DisposeAsync() => await api.DeleteAsync(id);

    /// <summary>The metrics once two readings 500 ms apart agree (publishes may still await their PUBACK when the last message arrived).</summary>
    private async Task<ConnectionMetricsSummary> SettledMetricsAsync()
    {
        var previous = new ConnectionMetricsSummary(await api.MetricsAsync(id));
        for (var reading = 0; reading < 20; reading++)
        {
            await Task.Delay(500);
            var current = new ConnectionMetricsSummary(await api.MetricsAsync(id));
            if (current.ToString() == previous.ToString())
            {
                return current;
            }

            previous = current;
        }

        return previous;
    }
}
