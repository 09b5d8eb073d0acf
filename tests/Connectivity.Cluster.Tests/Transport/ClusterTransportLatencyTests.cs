using System.Diagnostics;
using System.Globalization;
using Connectivity.Actors;
using Xunit;
using Xunit.Abstractions;

namespace Connectivity.Cluster.Tests.Transport;

/// <summary>Prints the latency of a local ask against a cross-node ask (no timed assertion: it informs, it does not gate).</summary>
public sealed class ClusterTransportLatencyTests(ITestOutputHelper output)
{
    private const int Warmup = 300;
    private const int Asks = 5_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Ask_should_report_latency_when_local_and_when_cross_node()
    {
        await using var a = await TransportTestNode.StartAsync("a");
        await using var b = await TransportTestNode.StartAsync("b");
        var localEcho = a.System.ActorOf(LambdaActor.Echo(), "echo");
        b.System.ActorOf(LambdaActor.Echo(), "echo");
        var remoteEcho = a.Transport.RemoteRef(b.Address, "/user/echo");

        var local = await Measure(() => localEcho.Ask<Pong>(new Ping("p"), Timeout));
        var crossNode = await Measure(async () => (Pong)await a.Transport.AskAsync(b.Address, "/user/echo", new Ping("p"), Timeout));
        var viaRemoteRef = await Measure(() => remoteEcho.Ask<Pong>(new Ping("p"), Timeout));

        output.WriteLine($"{Asks} sequential asks after {Warmup} warm-up, in microseconds:");
        output.WriteLine(Row("local ask", local));
        output.WriteLine(Row("cross-node AskAsync (1 h2c request)", crossNode));
        output.WriteLine(Row("cross-node RemoteActorRef.Ask (tell + reply tell)", viaRemoteRef));
        Assert.Equal(Asks, crossNode.Length);
    }

    private static async Task<double[]> Measure(Func<Task<Pong>> ask)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await ask();
        }

        var samples = new double[Asks];
        for (var i = 0; i < Asks; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await ask();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        return samples;
    }

    private static string Row(string name, double[] sorted) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-52} p50 {Percentile(sorted, 0.50),8:F0}  p99 {Percentile(sorted, 0.99),8:F0}  max {sorted[^1],8:F0}");

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
