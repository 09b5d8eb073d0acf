using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Monitoring;

/// <summary>
/// Reply to <c>retrieveConnectionMetrics</c> (spec §5.1): <c>connectionMetrics</c>, <c>sourceMetrics</c>,
/// <c>targetMetrics</c> and <c>containsFailures</c>.
/// </summary>
public sealed record RetrieveConnectionMetricsResponse(string ConnectionId, ConnectionMetricsReport Metrics, DittoHeaders Headers)
    : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:retrieveConnectionMetrics";

    public string Type => TypeName;

    public int Status => 200;

    /// <summary>The answer for a connection without running clients.</summary>
    public static RetrieveConnectionMetricsResponse EmptyMetrics(string connectionId, DittoHeaders headers) =>
        new(connectionId, ConnectionMetricsReport.Empty, headers);

    /// <summary>Merges another client's reply into this one (multi-client connections).</summary>
    public RetrieveConnectionMetricsResponse Merge(RetrieveConnectionMetricsResponse other) =>
        this with { Metrics = Metrics.Merge(other.Metrics) };

    public JsonObject ToJson() => new()
    {
        ["type"] = Type,
        ["status"] = Status,
        ["connectionId"] = ConnectionId,
        ["connectionMetrics"] = Metrics.ConnectionMetrics.ToJson(),
        ["sourceMetrics"] = Metrics.SourceMetrics.ToJson(),
        ["targetMetrics"] = Metrics.TargetMetrics.ToJson(),
        ["containsFailures"] = Metrics.ContainsFailures,
    };

    public static RetrieveConnectionMetricsResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new(
            MonitoringJson.RequiredString(json, "connectionId"),
            new ConnectionMetricsReport(
                ConnectionMetrics.FromJson(MonitoringJson.OptionalObject(json, "connectionMetrics")),
                SourceMetrics.FromJson(MonitoringJson.OptionalObject(json, "sourceMetrics")),
                TargetMetrics.FromJson(MonitoringJson.OptionalObject(json, "targetMetrics"))),
            headers);
}
