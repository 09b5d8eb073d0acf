using System.Text.Json.Nodes;

namespace Connectivity.Bench;

/// <summary>
/// The connection-wide counts of a <c>retrieveConnectionMetrics</c> answer over the last hour (success and failure
/// per type), as the <c>bridge</c> benchmark prints them beside what it counted itself.
/// </summary>
internal sealed class ConnectionMetricsSummary(JsonObject metrics)
{
    private static readonly (string Direction, string[] Types)[] Shown =
    [
        ("inbound", ["consumed", "mapped", "dropped"]),
        ("outbound", ["dispatched", "filtered", "mapped", "dropped", "published"]),
    ];

    public long Count(string direction, string type, bool success = true) =>
        metrics["connectionMetrics"]?[direction]?[type]?[success ? "success" : "failure"]?["PT1H"]?.GetValue<long>() ?? 0;

    /// <summary>
    /// Whether the metrics tell what the benchmark counted: every message sent consumed and mapped once, then either
    /// dispatched to the target or dropped as a failure (outbound queue full), and published exactly the ones that arrived.
    /// </summary>
    public bool Agree(int sent, int arrived) =>
        Count("inbound", "consumed") == sent && Count("inbound", "mapped") == sent && Count("inbound", "dropped") == 0
        && Count("outbound", "dispatched") + Count("outbound", "dropped", success: false) == sent
        && Count("outbound", "mapped") == Count("outbound", "dispatched") && Count("outbound", "filtered") == 0
        && Count("outbound", "published") == arrived && Count("outbound", "published", success: false) == 0;

    /// <summary>E.g. <c>inbound consumed 50,000, mapped 50,000, dropped 0 | outbound dispatched 50,000, ...</c>; failures in brackets when any.</summary>
    public override string ToString() => string.Join(" | ", Shown.Select(d =>
        d.Direction + " " + string.Join(", ", d.Types.Select(t =>
            $"{t} {Count(d.Direction, t):N0}" + (Count(d.Direction, t, success: false) is > 0 and var failed ? $" (failed {failed:N0})" : string.Empty)))));
}
