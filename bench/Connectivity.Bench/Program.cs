using Connectivity.Bench;

var benchmarks = new Dictionary<string, Func<Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["actors"] = ActorBenchmark.RunAsync,
    ["bridge"] = BridgeBenchmark.RunAsync,
    ["cluster"] = ClusterBenchmark.RunAsync,
    ["mqtt"] = MqttBenchmark.RunAsync,
};

if (args.Length != 1 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Connectivity.Bench <{string.Join('|', benchmarks.Keys)}>");
    return 2;
}

await run();
return 0;
