using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Connectivity.Bench;

/// <summary>
/// DevOps piggyback commands to the connection shard region of one server (<c>POST /devops/piggyback/connectivity</c>,
/// <c>"aggregate": false</c>, so the answer is the command's response itself).
/// </summary>
internal sealed class Piggyback(HttpClient http)
{
    private static readonly TimeSpan OpenDeadline = TimeSpan.FromSeconds(30);
    private static readonly string[] ResourceLists = ["sourceStatus", "targetStatus"];

    /// <summary>Creates the connection (status <c>open</c>) and waits until it and all its sources and targets are open.</summary>
    public async Task CreateOpenAsync(JsonObject connection)
    {
        var id = connection["id"]!.GetValue<string>();
        var command = Command("createConnection", id);
        command["connection"] = connection;
        Expect(await SendAsync(command), 201, "createConnection");
        var stopwatch = Stopwatch.StartNew();
        var status = new JsonObject();
        while (stopwatch.Elapsed < OpenDeadline)
        {
            status = await SendAsync(Command("retrieveConnectionStatus", id));
            var resources = ResourceLists.SelectMany(list => status[list] as JsonArray ?? []).ToList();
            if (status["liveStatus"]?.GetValue<string>() == "open" && resources.Count > 0
                && resources.All(r => r?["status"]?.GetValue<string>() == "open"))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{id} not open within {OpenDeadline}: {status.ToJsonString()}");
    }

    public Task<JsonObject> MetricsAsync(string id) => SendAsync(Command("retrieveConnectionMetrics", id));

    public async Task ResetMetricsAsync(string id) => Expect(await SendAsync(Command("resetConnectionMetrics", id)), 200, "resetConnectionMetrics");

    public async Task DeleteAsync(string id) => Expect(await SendAsync(Command("deleteConnection", id)), 204, "deleteConnection");

    private async Task<JsonObject> SendAsync(JsonObject command)
    {
        var envelope = new JsonObject
        {
            ["targetActorSelection"] = "/system/sharding/connection",
            ["headers"] = new JsonObject { ["aggregate"] = false },
            ["piggybackCommand"] = command,
        };
        using var response = await http.PostAsync(
            new Uri("/devops/piggyback/connectivity", UriKind.Relative), new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(body) is JsonObject answer
            ? answer
            : throw new InvalidOperationException($"{command["type"]}: {(int)response.StatusCode} {body}");
    }

    private static JsonObject Command(string type, string connectionId) =>
        new() { ["type"] = "connectivity.commands:" + type, ["connectionId"] = connectionId };

    private static void Expect(JsonObject answer, int status, string command)
    {
        if (answer["status"]?.GetValue<int>() != status)
        {
            throw new InvalidOperationException($"{command}: expected status {status}, got {answer.ToJsonString()}");
        }
    }
}
