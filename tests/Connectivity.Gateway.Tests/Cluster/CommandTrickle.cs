using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using static Connectivity.Gateway.Tests.Cluster.ClusterApi;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>
/// A steady stream of commands while the cluster changes: modify (PUT with a numbered tag), retrieve (GET) and
/// <c>retrieveConnectionStatus</c> (piggyback), each worker on its own connections so each connection's
/// modifications are sequential. Every answer is tallied; the last acknowledged tag of each connection is kept.
/// </summary>
public sealed class CommandTrickle(IReadOnlyList<string> ids, string sinkUri, int workers)
{
    /// <summary>How long one command may take before it counts as unanswered.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, long> lastAcknowledged = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<ClusterMember> targets = [];
    private long counter;

    public AnswerTally Tally { get; } = new();

    /// <summary>The nodes commands go to (round robin); change it before a node leaves.</summary>
    public IReadOnlyList<ClusterMember> Targets
    {
        get => targets;
        set => targets = value;
    }

    public static string Tag(long n) => "t-" + n.ToString(CultureInfo.InvariantCulture);

    public static long NumberOf(string tag) => tag.StartsWith("t-", StringComparison.Ordinal) ? long.Parse(tag[2..], CultureInfo.InvariantCulture) : 0;

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(ids.Where((_, i) => i % workers == w).ToList(), ct), CancellationToken.None)));

    /// <summary>Requires every connection to hold its last acknowledged modification (or a later attempted one).</summary>
    public async Task AssertNothingLostAsync(HttpClient client)
    {
        foreach (var id in ids)
        {
            var connection = await client.GetJsonObjectAsync(ConnectionPath(id));
            var tags = Strings(connection["tags"]);
            var acknowledged = lastAcknowledged.GetValueOrDefault(id);
            Assert.True(tags.Length == 1 && NumberOf(tags[0]) >= acknowledged,
                $"{id}: tags {string.Join(",", tags)}, but {Tag(acknowledged)} was acknowledged");
            Assert.Equal("open", connection["connectionStatus"]!.GetValue<string>());
        }
    }

    private async Task WorkAsync(List<string> mine, CancellationToken ct)
    {
        var k = 0;
        while (!ct.IsCancellationRequested)
        {
            var nodes = targets;
            var node = nodes[k % nodes.Count];
            var id = mine[k % mine.Count];
            switch (k++ % 3)
            {
                case 0:
                    var n = Interlocked.Increment(ref counter);
                    var put = await RetryingAsync(() => PutAsync(node.Client, ConnectionJson.HttpPush(id, "open", sinkUri, Tag(n)), CommandTimeout));
                    Tally.Add($"modify {id} at {node}", put);
                    if (put.IsSuccess)
                    {
                        lastAcknowledged[id] = n;
                    }

                    break;
                case 1:
                    Tally.Add($"retrieve {id} at {node}", await RetryingAsync(() => GetAsync(node.Client, ConnectionPath(id), CommandTimeout)));
                    break;
                default:
                    var status = await RetryingAsync(async () =>
                        Unwrap(await ClusterApi.PiggybackAsync(node.Client, ShardRegion, Command("retrieveConnectionStatus", id), CommandTimeout)));
                    Tally.Add($"retrieveConnectionStatus {id} at {node}", status);
                    break;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends again, as a Ditto client does, while the answer is 503 <c>connectivity:connection.unavailable</c> (the
    /// connection is moving between nodes): the command counts as answered once a proper answer comes within
    /// <see cref="CommandTimeout"/>; the last answer counts otherwise.
    /// </summary>
    private static async Task<Answer> RetryingAsync(Func<Task<Answer>> send)
    {
        var deadline = DateTimeOffset.UtcNow + CommandTimeout;
        var answer = await send();
        while (answer is { Status: 503, Body: JsonObject error } && error["error"]?.GetValue<string>() == "connectivity:connection.unavailable"
            && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            answer = await send();
        }

        return answer;
    }

    /// <summary>A piggyback answer carries the command's own status inside an HTTP 200.</summary>
    private static Answer Unwrap(Answer answer) =>
        answer is { Failure: null, Status: 200, Body: JsonObject inner } && inner["status"] is JsonValue s && s.TryGetValue<int>(out var status)
            ? new Answer(status, inner, null)
            : answer;
}
