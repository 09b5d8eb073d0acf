using System.Text.Json.Nodes;

namespace Connectivity.Model.Monitoring;

/// <summary>Metrics per target addresses (outbound; replies under <c>_responses</c>); JSON <c>{"addressMetrics": {...}}</c> sorted by address, <c>null</c> when empty.</summary>
public sealed record TargetMetrics(IReadOnlyDictionary<string, AddressMetric> AddressMetrics)
{
    /// <summary>The address under which responses (replies to commands, reply targets) are counted.</summary>
    public const string ResponsesAddress = "_responses";

    public static TargetMetrics Empty { get; } = new(new Dictionary<string, AddressMetric>());

    public TargetMetrics Merge(TargetMetrics other) => new(AddressMetricsJson.Merge(AddressMetrics, other.AddressMetrics));

    public JsonObject ToJson() => AddressMetricsJson.ToJson(AddressMetrics);

    public static TargetMetrics FromJson(JsonObject? json) => new(AddressMetricsJson.FromJson(json));
}
