using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Monitoring;

/// <summary>
/// Reply to <c>retrieveConnectionLogs</c> (spec §5.2). <see cref="EnabledSince"/> and <see cref="EnabledUntil"/> are
/// JSON <c>null</c> while logging is disabled. The HTTP <c>/logs</c> route shows <see cref="ToPayloadJson"/>, the
/// piggyback API <see cref="ToJson"/> (spec §2.9).
/// </summary>
public sealed record RetrieveConnectionLogsResponse(
    string ConnectionId,
    IReadOnlyList<LogEntry> ConnectionLogs,
    DateTimeOffset? EnabledSince,
    DateTimeOffset? EnabledUntil,
    DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:retrieveConnectionLogs";

    /// <summary>Default JSON size budget of a merged log response (<c>maxLogSizeBytes</c>).</summary>
    public const long DefaultMaxLogSizeBytes = 250_000;

    private static readonly JsonSerializerOptions SizeMeasuring = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Type => TypeName;

    public int Status => 200;

    /// <summary>The answer while logging is disabled or no client runs: no entries, null timestamps.</summary>
    public static RetrieveConnectionLogsResponse Disabled(string connectionId, DittoHeaders headers) =>
        new(connectionId, [], null, null, headers);

    /// <summary>
    /// Merges the replies of all clients (spec §5.2): entries are taken newest first while their JSON (UTF-8) fits into
    /// <paramref name="maxLogSizeBytes"/>, then returned oldest to newest. The logging period spans the earliest
    /// <c>enabledSince</c> to the latest <c>enabledUntil</c>.
    /// </summary>
    public static RetrieveConnectionLogsResponse Merge(
        string connectionId, IEnumerable<RetrieveConnectionLogsResponse> responses, long maxLogSizeBytes, DittoHeaders headers)
    {
        var all = responses.ToList();
        var newestFirst = all.SelectMany(r => r.ConnectionLogs).OrderByDescending(entry => entry.Timestamp);
        var selected = new List<LogEntry>();
        long size = 0;
        foreach (var entry in newestFirst)
        {
            size += SizeInBytes(entry);
            if (size > maxLogSizeBytes)
            {
                break;
            }

            selected.Add(entry);
        }

        selected.Reverse();
        return new RetrieveConnectionLogsResponse(
            connectionId,
            selected,
            all.Min(r => r.EnabledSince),
            all.Max(r => r.EnabledUntil),
            headers);
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["type"] = Type,
            ["status"] = Status,
        };
        foreach (var (key, value) in ToPayloadJson())
        {
            json[key] = value?.DeepClone();
        }

        return json;
    }

    /// <summary>The body of HTTP <c>GET /connections/{id}/logs</c>: without <c>type</c> and <c>status</c>.</summary>
    public JsonObject ToPayloadJson() => new()
    {
        ["connectionId"] = ConnectionId,
        ["connectionLogs"] = new JsonArray([.. ConnectionLogs.Select(entry => (JsonNode)entry.ToJson())]),
        ["enabledSince"] = EnabledSince is { } since ? JsonValue.Create(JavaInstant.Format(since)) : null,
        ["enabledUntil"] = EnabledUntil is { } until ? JsonValue.Create(JavaInstant.Format(until)) : null,
    };

    /// <summary>The UTF-8 size of an entry's JSON as sent: without HTML-safe escaping.</summary>
    public static int SizeInBytes(LogEntry entry) => Encoding.UTF8.GetByteCount(entry.ToJson().ToJsonString(SizeMeasuring));

    /// <summary>Reads either JSON shape (with or without <c>type</c>/<c>status</c>).</summary>
    public static RetrieveConnectionLogsResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new(
            MonitoringJson.RequiredString(json, "connectionId"),
            [.. MonitoringJson.Objects(json, "connectionLogs").Select(LogEntry.FromJson)],
            MonitoringJson.OptionalInstant(json, "enabledSince"),
            MonitoringJson.OptionalInstant(json, "enabledUntil"),
            headers);
}
