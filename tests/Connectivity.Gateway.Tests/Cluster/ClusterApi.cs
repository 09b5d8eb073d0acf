using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Connectivity.Cluster.Sharding;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>The answer to one request: its HTTP status and JSON body, or the transport failure (timeout, refused).</summary>
public sealed record Answer(int Status, JsonNode? Body, string? Failure)
{
    public bool IsSuccess => Failure is null && Status is >= 200 and < 300;

    /// <summary>Ditto's error JSON: an object with <c>status</c> equal to the HTTP status, <c>error</c> and <c>message</c>.</summary>
    public bool IsDittoError =>
        Failure is null && Status >= 400 && Body is JsonObject json
        && json["status"] is JsonValue s && s.TryGetValue<int>(out var inner) && inner == Status
        && json["error"] is JsonValue && json["message"] is JsonValue;

    public override string ToString() => Failure ?? $"{Status} {Body?.ToJsonString()}";
}

/// <summary>Tallies of command answers during churn: successes, Ditto errors by status and code, and improper answers.</summary>
public sealed class AnswerTally
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> improper = new();
    private int total;

    public int Total => Volatile.Read(ref total);

    public IReadOnlyCollection<string> Improper => improper.ToArray();

    /// <summary>Counts the answer; a 5xx, a transport failure or a non-JSON error is improper.</summary>
    public void Add(string what, Answer answer)
    {
        Interlocked.Increment(ref total);
        string key;
        if (answer.IsSuccess)
        {
            key = $"{answer.Status}";
        }
        else if (answer.IsDittoError && answer.Status < 500)
        {
            key = $"{answer.Status} {answer.Body!["error"]}";
        }
        else
        {
            key = answer.Failure is null ? $"{answer.Status} (improper)" : "transport failure";
            improper.Enqueue($"{what}: {answer}");
        }

        counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    public override string ToString() =>
        $"{Total} commands: " + string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} x{c.Value}"));
}

public static class ClusterApi
{
    public const int NumberOfShards = 100;

    public static string ShardOf(string connectionId) => StableHash.ShardOf(connectionId, NumberOfShards);

    /// <summary>Sends a request with its own timeout; never throws for HTTP or transport failures.</summary>
    public static async Task<Answer> SendAsync(HttpClient client, HttpMethod method, Uri path, HttpContent? content = null, TimeSpan? timeout = null)
    {
        var patience = timeout ?? TimeSpan.FromSeconds(10);
        using var cts = new CancellationTokenSource(patience);
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };

            // Declared as Ditto's timeout header: the service gives the command up when this client does.
            request.Headers.Add("timeout", $"{(long)patience.TotalMilliseconds}ms");
            using var response = await client.SendAsync(request, cts.Token);
            var body = await response.Content.ReadAsStringAsync(cts.Token);
            JsonNode? json = null;
            try
            {
                json = body.Length == 0 ? null : JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException)
            {
                json = JsonValue.Create(body);
            }

            return new Answer((int)response.StatusCode, json, null);
        }
        catch (OperationCanceledException)
        {
            return new Answer(0, null, $"{method} {path}: no answer within {timeout ?? TimeSpan.FromSeconds(10)}");
        }
        catch (HttpRequestException e)
        {
            return new Answer(0, null, $"{method} {path}: {e.Message}");
        }
    }

    public static Task<Answer> GetAsync(HttpClient client, Uri path, TimeSpan? timeout = null) =>
        SendAsync(client, HttpMethod.Get, path, null, timeout);

    public static Task<Answer> PutAsync(HttpClient client, JsonObject connection, TimeSpan? timeout = null) =>
        SendAsync(client, HttpMethod.Put, ConnectionPath(connection["id"]!.GetValue<string>()), Json(connection), timeout);

    public static Task<Answer> PiggybackAsync(HttpClient client, string target, JsonObject command, TimeSpan? timeout = null) =>
        SendAsync(client, HttpMethod.Post, Route(PiggybackPath), Json(Envelope(target, command)), timeout);

    /// <summary>The node running an open connection according to <c>/status</c> (<c>clientStatus[0].client</c>) and its live status.</summary>
    public static (string? Client, string? Live, int Clients) Runner(JsonNode? status)
    {
        var clients = status?["clientStatus"] as JsonArray;
        var client = clients is [JsonObject first, ..] ? first["client"]?.GetValue<string>() : null;
        return (client, status?["liveStatus"]?.GetValue<string>(), clients?.Count ?? 0);
    }

    /// <summary>Waits until the connection's status, asked at <paramref name="node"/>, is live open on one of <paramref name="allowedRunners"/>.</summary>
    public static async Task<(string Runner, TimeSpan Elapsed)> OpenOnAsync(
        ClusterMember node, string id, IReadOnlyCollection<string> allowedRunners, TimeSpan deadline)
    {
        var (answer, elapsed) = await Eventually.UntilAsync(
            () => GetAsync(node.Client, ConnectionPath(id, "/status"), TimeSpan.FromSeconds(5)),
            a => a.Status == 200 && Runner(a.Body) is { Live: "open", Client: { } c } && allowedRunners.Contains(c),
            deadline,
            a => $"{id} asked at {node}: {a}",
            TimeSpan.FromMilliseconds(100));
        return (Runner(answer.Body).Client!, elapsed);
    }

    /// <summary>Creates open http-push connections through the given nodes in turn (PUT, 201 required).</summary>
    public static async Task<List<string>> CreateOpenAsync(
        IReadOnlyList<ClusterMember> through, int count, string prefix, string sinkUri, params string[] tags)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = ConnectionJson.NewId($"{prefix}{i}");
            var answer = await PutAsync(through[i % through.Count].Client, ConnectionJson.HttpPush(id, "open", sinkUri, tags), TimeSpan.FromSeconds(30));
            Assert.True(answer.Status == (int)HttpStatusCode.Created, $"PUT {id} through {through[i % through.Count]}: {answer}");
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>Waits until every connection is live open and returns the runner of each (asked at <paramref name="node"/>).</summary>
    public static async Task<Dictionary<string, string>> RunnersAsync(
        ClusterMember node, IEnumerable<string> ids, IReadOnlyCollection<string> allowedRunners, TimeSpan deadline)
    {
        var runners = await Task.WhenAll(ids.Select(async id => (Id: id, (await OpenOnAsync(node, id, allowedRunners, deadline)).Runner)));
        return runners.ToDictionary(r => r.Id, r => r.Runner, StringComparer.Ordinal);
    }
}
