using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Connectivity.TestKit.Net;
using Connectivity.TestKit.Processes;

namespace Connectivity.Bench;

/// <summary>
/// The <c>cluster</c> subcommand: 3 server processes in cluster mode on one PostgreSQL, 30 open http-push connections
/// against a local sink; prints the failover time after <c>kill -9</c> of the node running the most connections (with
/// the default and with fast cluster timings, beside Akka.NET's split-brain-resolver default) and the latency of
/// commands for a connection on the node asked vs on another node.
/// PostgreSQL: <c>CONNECTIVITY_TEST_POSTGRES</c> (a connection string), else a private one started with
/// <c>ci/peers/peers.sh</c> (<c>start_postgres</c>; needs root and PostgreSQL 15 on Linux).
/// </summary>
internal static class ClusterBenchmark
{
    private const int Nodes = 3;
    private const int Connections = 30;
    private const int LatencySamples = 300;
    private const double AkkaSbrStableAfterSeconds = 20;

    public static async Task RunAsync()
    {
        var root = Repository.Root();
        Console.WriteLine($"Connectivity cluster benchmark on {Environment.ProcessorCount} cores: {Nodes} nodes, {Connections} open http-push connections");
        Console.WriteLine("PostgreSQL: CONNECTIVITY_TEST_POSTGRES (connection string) if set, else a private one via ci/peers/peers.sh start_postgres (root, PostgreSQL 15)");
        await using var postgres = await Postgres.StartAsync(root);
        using var sink = new Sink();
        var results = new List<(string Timings, TimeSpan Failover, int Moved)>();
        (double P50, double P99)[]? latencies = null;
        foreach (var (name, args) in new (string, string[])[]
                 {
                     ("default (heartbeat 1 s, down after 4 s, lease TTL 5 s, renew 1 s)", []),
                     ("fast (heartbeat 500 ms, down after 2 s, lease TTL 3 s, renew 500 ms)",
                     ["--Connectivity:Cluster:HeartbeatInterval", "00:00:00.5", "--Connectivity:Cluster:DownAfter", "00:00:02",
                         "--Connectivity:Cluster:LeaseTtl", "00:00:03", "--Connectivity:Cluster:LeaseRenewInterval", "00:00:00.5"]),
                 })
        {
            Console.WriteLine($"--- timings: {name}");
            var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
            var nodes = new List<ServerNode>();
            try
            {
                for (var i = 1; i <= Nodes; i++)
                {
                    var id = $"bench-n{i}";
                    nodes.Add(await ServerNode.StartAsync(id, ["--cluster", .. args], new Dictionary<string, string>
                    {
                        ["CONNECTIVITY_POSTGRES"] = postgres.ConnectionString,
                        ["CONNECTIVITY_POSTGRES_SCHEMA"] = schema,
                        ["CONNECTIVITY_NODE_ID"] = id,
                        ["CONNECTIVITY_INTERNAL_URL"] = $"http://127.0.0.1:{LoopbackPorts.Free()}",
                    }));
                }

                var ids = new List<string>();
                for (var i = 0; i < Connections; i++)
                {
                    var id = $"bench-{i}-{Guid.NewGuid():N}";
                    var body = new JsonObject
                    {
                        ["connectionType"] = "http-push", ["connectionStatus"] = "open", ["uri"] = sink.Uri,
                        ["targets"] = new JsonArray(new JsonObject
                        {
                            ["address"] = "POST:/events", ["topics"] = new JsonArray("_/_/things/twin/events"),
                            ["authorizationContext"] = new JsonArray("integration:bench"),
                        }),
                    };
                    using var put = await nodes[i % Nodes].Http.PutAsync(new Uri($"/api/2/connections/{id}", UriKind.Relative),
                        new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                    if (put.StatusCode != HttpStatusCode.Created)
                    {
                        throw new InvalidOperationException($"PUT {id}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
                    }

                    ids.Add(id);
                }

                var allNodes = nodes.Select(n => n.Id).ToHashSet();
                var runners = new Dictionary<string, string>();
                foreach (var id in ids)
                {
                    runners[id] = (await WaitOpenAsync(nodes[0], id, allNodes, TimeSpan.FromSeconds(60))).Runner;
                }

                Console.WriteLine("runners: " + string.Join(", ", runners.GroupBy(r => r.Value).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
                if (latencies is null)
                {
                    var asked = nodes[0];
                    var local = runners.First(r => r.Value == asked.Id).Key;
                    var remote = runners.First(r => r.Value != asked.Id).Key;
                    latencies =
                    [
                        await LatencyAsync(asked, () => asked.Http.GetAsync(new Uri($"/api/2/connections/{local}", UriKind.Relative))),
                        await LatencyAsync(asked, () => asked.Http.GetAsync(new Uri($"/api/2/connections/{remote}", UriKind.Relative))),
                        await LatencyAsync(asked, () => StatusAsync(asked, local)),
                        await LatencyAsync(asked, () => StatusAsync(asked, remote)),
                    ];
                }

                var victim = nodes.First(n => n.Id == runners.GroupBy(r => r.Value).OrderByDescending(g => g.Count()).First().Key);
                var orphans = runners.Where(r => r.Value == victim.Id).Select(r => r.Key).ToList();
                var survivors = nodes.Where(n => n != victim).ToList();
                var survivorIds = survivors.Select(n => n.Id).ToHashSet();
                var stopwatch = Stopwatch.StartNew();
                victim.KillHard();
                await Task.WhenAll(orphans.Select((id, i) => WaitOpenAsync(survivors[i % survivors.Count], id, survivorIds, TimeSpan.FromSeconds(120))));
                var failover = stopwatch.Elapsed;
                Console.WriteLine($"kill -9 {victim.Id} ({orphans.Count} open connections): all open on the survivors after {failover.TotalMilliseconds:N0} ms");
                results.Add((name, failover, orphans.Count));
            }
            finally
            {
                foreach (var node in nodes)
                {
                    await node.DisposeAsync();
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"failover after kill -9",-84} {"this cluster",14} {"Akka.NET SBR default",22}");
        foreach (var (timings, failover, moved) in results)
        {
            Console.WriteLine($"{$"{timings}, {moved} conns [s]",-84} {failover.TotalSeconds,14:F2} {$"~{AkkaSbrStableAfterSeconds:F0} (stable-after)",22}");
        }

        Console.WriteLine("(Akka.NET's split-brain resolver waits stable-after = 20 s by default before downing an unreachable node; shards then rebalance on top.)");
        Console.WriteLine();
        string[] labels =
        [
            "GET /api/2/connections/{id}, runs on the asked node",
            "GET /api/2/connections/{id}, runs on another node",
            "retrieveConnectionStatus, runs on the asked node",
            "retrieveConnectionStatus, runs on another node",
        ];
        Console.WriteLine($"{"command latency (" + LatencySamples + " sequential requests) [ms]",-60} {"p50",8} {"p99",8}");
        for (var i = 0; i < labels.Length; i++)
        {
            Console.WriteLine($"{labels[i],-60} {latencies![i].P50,8:F2} {latencies[i].P99,8:F2}");
        }
    }

    private static Task<HttpResponseMessage> StatusAsync(ServerNode node, string id)
    {
        var envelope = new JsonObject
        {
            ["targetActorSelection"] = "/system/sharding/connection",
            ["headers"] = new JsonObject { ["aggregate"] = false },
            ["piggybackCommand"] = new JsonObject { ["type"] = "connectivity.commands:retrieveConnectionStatus", ["connectionId"] = id },
        };
        return node.Http.PostAsync(new Uri("/devops/piggyback/connectivity", UriKind.Relative),
            new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    private static async Task<(double P50, double P99)> LatencyAsync(ServerNode node, Func<Task<HttpResponseMessage>> send)
    {
        var samples = new List<double>();
        for (var i = 0; i < LatencySamples + 30; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var response = await send();
            await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{node.Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            if (i >= 30)
            {
                samples.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.99) - 1]);
    }

    private static async Task<(string Runner, TimeSpan Elapsed)> WaitOpenAsync(ServerNode node, string id, IReadOnlySet<string> allowed, TimeSpan deadline)
    {
        var stopwatch = Stopwatch.StartNew();
        var last = string.Empty;
        while (stopwatch.Elapsed < deadline)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await node.Http.GetAsync(new Uri($"/api/2/connections/{id}/status", UriKind.Relative), cts.Token);
                last = await response.Content.ReadAsStringAsync(cts.Token);
                if (response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(last) is JsonObject status
                    && status["liveStatus"]?.GetValue<string>() == "open"
                    && status["clientStatus"]?[0]?["client"]?.GetValue<string>() is { } client && allowed.Contains(client))
                {
                    return (client, stopwatch.Elapsed);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{id} not open on {string.Join(",", allowed)} within {deadline}: {last}");
    }

    /// <summary>The PostgreSQL of the run: <c>CONNECTIVITY_TEST_POSTGRES</c>, else one started with <c>ci/peers/peers.sh</c>.</summary>
    private sealed class Postgres : IAsyncDisposable
    {
        private readonly string root;
        private readonly string? pid;

        private Postgres(string connectionString, string root, string? pid)
        {
            ConnectionString = connectionString;
            this.root = root;
            this.pid = pid;
        }

        public string ConnectionString { get; }

        public static async Task<Postgres> StartAsync(string root)
        {
            var external = Environment.GetEnvironmentVariable("CONNECTIVITY_TEST_POSTGRES");
            if (!string.IsNullOrWhiteSpace(external))
            {
                return new Postgres(external, root, null);
            }

            var port = LoopbackPorts.Free();
            Console.WriteLine($"CONNECTIVITY_TEST_POSTGRES not set: starting PostgreSQL on 127.0.0.1:{port} with ci/peers/peers.sh");
            var pid = (await ProcessRunner.RunAsync("bash", ["-c", $". ci/peers/peers.sh && start_postgres {port}"], root)).Trim();
            return new Postgres($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", root, pid);
        }

        public async ValueTask DisposeAsync()
        {
            if (pid is not null)
            {
                await ProcessRunner.RunAsync("bash", ["-c", $". ci/peers/peers.sh && stop_pid {pid}"], root);
            }
        }
    }

    /// <summary>An HTTP endpoint answering 200 to everything (the http-push target).</summary>
    private sealed class Sink : IDisposable
    {
        private readonly HttpListener listener = new();

        public Sink()
        {
            var port = LoopbackPorts.Free();
            Uri = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add(Uri + "/");
            listener.Start();
            _ = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    try
                    {
                        var context = await listener.GetContextAsync();
                        context.Response.StatusCode = 200;
                        context.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                }
            });
        }

        public string Uri { get; }

        public void Dispose() => listener.Close();
    }
}
