using System.Diagnostics;
using Connectivity.Actors;

namespace Connectivity.Bench;

/// <summary>
/// The <c>actors</c> subcommand: ping-pong tell throughput over 1..4 actor pairs (like Akka.NET's PingPong
/// benchmark) and sequential ask round-trip latency, printed beside Akka.NET's published figures.
/// </summary>
internal static class ActorBenchmark
{
    private const int RoundTripsPerPair = 5_000_000;
    private const int InFlightPerPair = 100;
    private const int Asks = 100_000;
    private const double AkkaPingPongMsgsPerSecond = 30_000_000;
    private const double AkkaAskMicroseconds = 8;

    public static async Task RunAsync()
    {
        Console.WriteLine($"Connectivity.Actors benchmark on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await using var system = ActorSystem.Create("bench");

        await PingPongAsync(system, pairs: 1, RoundTripsPerPair / 4);
        var throughput = new List<(int Pairs, double MsgsPerSecond)>();
        for (var pairs = 1; pairs <= 4; pairs++)
        {
            throughput.Add((pairs, await PingPongAsync(system, pairs, RoundTripsPerPair)));
        }

        var (p50, p99, mean) = await AskLatencyAsync(system);

        Console.WriteLine();
        Console.WriteLine($"{"metric",-36} {"Connectivity.Actors",20} {"Akka.NET (published)",22}");
        foreach (var (pairs, msgsPerSecond) in throughput)
        {
            Console.WriteLine($"{$"ping-pong tell, {pairs} pair(s) [msgs/s]",-36} {msgsPerSecond,20:N0} {AkkaPingPongMsgsPerSecond,22:N0}");
        }

        Console.WriteLine($"{"ask round trip p50 [us]",-36} {p50,20:F1} {AkkaAskMicroseconds,22:F1}");
        Console.WriteLine($"{"ask round trip p99 [us]",-36} {p99,20:F1} {"-",22}");
        Console.WriteLine($"{"ask round trip mean [us]",-36} {mean,20:F1} {"-",22}");
        Console.WriteLine();
        Console.WriteLine($"ping-pong: {RoundTripsPerPair:N0} round trips per pair, {InFlightPerPair} in flight per pair, default throughput 30");
        Console.WriteLine($"ask: {Asks:N0} sequential asks to one echo actor");
    }

    private static async Task<double> PingPongAsync(ActorSystem system, int pairs, int roundTrips)
    {
        var run = Guid.NewGuid().ToString("N");
        var done = new List<Task>();
        var pings = new List<IActorRef>();
        for (var i = 0; i < pairs; i++)
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var pong = system.ActorOf(Props.Create(() => new PongActor()), $"pong-{run}-{i}");
            pings.Add(system.ActorOf(Props.Create(() => new PingActor(pong, roundTrips, InFlightPerPair, finished)), $"ping-{run}-{i}"));
            done.Add(finished.Task);
        }

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        foreach (var ping in pings)
        {
            ping.Tell(PingActor.Start);
        }

        await Task.WhenAll(done);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var messages = 2.0 * roundTrips * pairs;
        var perSecond = messages / elapsed.TotalSeconds;
        Console.WriteLine(
            $"ping-pong {pairs} pair(s): {messages:N0} msgs in {elapsed.TotalMilliseconds:N0} ms = {perSecond:N0} msgs/s, {allocated / messages:F2} bytes allocated/msg");
        return perSecond;
    }

    private static async Task<(double P50, double P99, double Mean)> AskLatencyAsync(ActorSystem system)
    {
        var echo = system.ActorOf(Props.Create(() => new PongActor()), "echo");
        var timeout = TimeSpan.FromSeconds(5);
        for (var i = 0; i < Asks / 10; i++)
        {
            await echo.Ask(PingActor.Ball, timeout);
        }

        var samples = new double[Asks];
        for (var i = 0; i < Asks; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await echo.Ask(PingActor.Ball, timeout);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        Array.Sort(samples);
        return (samples[Asks / 2], samples[(int)(Asks * 0.99)], samples.Average());
    }
}
