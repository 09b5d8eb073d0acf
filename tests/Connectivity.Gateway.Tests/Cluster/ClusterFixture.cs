using System.Diagnostics;
using System.Globalization;
using Connectivity.Gateway.Tests.Infrastructure;
using Connectivity.TestKit.PostgreSql;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Xunit;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>One node of a test cluster: the server process (started with <c>--cluster</c>) and its node id.</summary>
public sealed record ClusterMember(string NodeId, ServerProcess Server)
{
    public HttpClient Client => Server.Client;

    public override string ToString() => NodeId;
}

/// <summary>
/// A cluster of real server processes on 127.0.0.1 sharing one PostgreSQL schema of its own (so test classes run
/// in parallel), with fast cluster timings, plus a sink answering 200 for http-push connections. Starts
/// <see cref="InitialNodes"/> nodes once per test class; tests may add, kill, freeze and stop nodes.
/// </summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    /// <summary>Fast timings within the validator's rules (DownAfter &gt; 2 heartbeats, LeaseTtl &gt; 3 renewals).</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan DownAfter = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan LeaseRenewInterval = TimeSpan.FromMilliseconds(500);

    private readonly List<ClusterMember> members = [];
    private readonly string prefix;
    private int nextNode;
    private HttpSink? sink;

    protected ClusterFixture(string prefix)
    {
        this.prefix = prefix;
        Schema = PostgresFixture.NewSchemaName("cluster_" + prefix);
    }

    protected virtual int InitialNodes => 3;

    public PostgresFixture Postgres { get; } = new();

    public string Schema { get; }

    public HttpSink Sink => sink ?? throw new InvalidOperationException("not started");

    /// <summary>Every node started so far (also the killed and stopped ones).</summary>
    public IReadOnlyList<ClusterMember> Members
    {
        get
        {
            lock (members)
            {
                return members.ToList();
            }
        }
    }

    public IReadOnlyList<ClusterMember> Running => Members.Where(m => m.Server.IsRunning).ToList();

    public ClusterMember Node(string nodeId) => Members.Single(m => m.NodeId == nodeId);

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        sink = await HttpSink.StartAsync(StatusCodes.Status200OK);
        await StartNodeAsync();   // the first node creates the schema; the others join it
        await Task.WhenAll(Enumerable.Range(1, InitialNodes - 1).Select(_ => StartNodeAsync()));
    }

    /// <summary>Starts one more node and waits until it answers <c>/health</c> and is up in the membership table.</summary>
    public async Task<ClusterMember> StartNodeAsync()
    {
        var nodeId = $"{prefix}-n{Interlocked.Increment(ref nextNode)}";
        var internalUrl = $"http://127.0.0.1:{ServerProcess.FreeLoopbackPort()}";
        var environment = new Dictionary<string, string>
        {
            ["CONNECTIVITY_POSTGRES"] = Postgres.ConnectionString,
            ["CONNECTIVITY_POSTGRES_SCHEMA"] = Schema,
            ["CONNECTIVITY_NODE_ID"] = nodeId,
            ["CONNECTIVITY_INTERNAL_URL"] = internalUrl,
            ["CONNECTIVITY_CLUSTER_SECRET"] = "cluster-tests-secret",
        };
        string[] arguments =
        [
            "--cluster",
            "--Connectivity:Cluster:HeartbeatInterval", Format(HeartbeatInterval),
            "--Connectivity:Cluster:DownAfter", Format(DownAfter),
            "--Connectivity:Cluster:LeaseTtl", Format(LeaseTtl),
            "--Connectivity:Cluster:LeaseRenewInterval", Format(LeaseRenewInterval),
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:Connectivity", "Information",
        ];
        var server = await ServerProcess.StartAsync(nodeId, environment, arguments);
        var member = new ClusterMember(nodeId, server);
        lock (members)
        {
            members.Add(member);
        }

        await Eventually.UntilAsync(
            () => IsUpAsync(nodeId), up => up, TimeSpan.FromSeconds(30), up => $"{nodeId} up: {up}\n{server.Output}");
        return member;
    }

    /// <summary>Freezes the node's process (SIGSTOP); <see cref="Resume"/> lets it run again (SIGCONT).</summary>
    public static void Freeze(ClusterMember member) => Signal(member, "-STOP");

    public static void Resume(ClusterMember member) => Signal(member, "-CONT");

    /// <summary>Whether the membership table holds the node as up with a heartbeat younger than DownAfter (database clock).</summary>
    public async Task<bool> IsUpAsync(string nodeId) =>
        await QueryAsync(
            $"SELECT count(*) FROM {Table("cluster_members")} WHERE node_id = @p0 AND status = 'up' AND heartbeat_at > clock_timestamp() - @p1",
            r => r.GetInt64(0),
            nodeId, DownAfter) is [> 0];

    /// <summary>The live lease of a connection shard: owner and epoch, or null.</summary>
    public async Task<(string Owner, long Epoch)?> LiveLeaseAsync(string shardId)
    {
        var rows = await QueryAsync(
            $"SELECT owner, epoch FROM {Table("shard_leases")} WHERE region = 'connection' AND shard_id = @p0 AND expires_at > clock_timestamp()",
            r => (r.GetString(0), r.GetInt64(1)),
            shardId);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The database's clock now.</summary>
    public async Task<DateTime> DatabaseNowAsync() =>
        (await QueryAsync("SELECT clock_timestamp()", r => r.GetFieldValue<DateTime>(0)))[0];

    public string Table(string name) => $"\"{Schema}\".{name}";

    /// <summary>Runs a query with positional parameters <c>@p0</c>, <c>@p1</c> ... and maps every row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("p" + i.ToString(CultureInfo.InvariantCulture), parameters[i]);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public async Task DisposeAsync()
    {
        foreach (var member in Members)
        {
            if (member.Server.ProcessId is int pid)
            {
                try
                {
                    Signal(pid, "-CONT");   // a frozen node is resumed before it is killed
                }
                catch (InvalidOperationException)
                {
                    // exited meanwhile
                }
            }

            await member.Server.DisposeAsync();
        }

        if (sink is not null)
        {
            await sink.DisposeAsync();
        }

        try
        {
            await Postgres.DropSchemaAsync(Schema);
        }
        finally
        {
            await Postgres.DisposeAsync();
        }
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private static void Signal(ClusterMember member, string signal) =>
        Signal(member.Server.ProcessId ?? throw new InvalidOperationException($"{member.NodeId} is not running"), signal);

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {pid} exited with {kill.ExitCode}");
        }
    }
}

public sealed class RoutingClusterFixture() : ClusterFixture("routing");

public sealed class FailoverClusterFixture() : ClusterFixture("failover");

public sealed class FencingClusterFixture() : ClusterFixture("fencing");

public sealed class RebalanceClusterFixture() : ClusterFixture("rebalance");

public sealed class DataPlaneClusterFixture() : ClusterFixture("dataplane");

public sealed class ScalingClusterFixture() : ClusterFixture("scaling")
{
    protected override int InitialNodes => 2;
}
