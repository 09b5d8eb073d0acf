using System.Text.Json.Nodes;

namespace Connectivity.Model.Monitoring;

/// <summary>Metrics per source addresses (inbound); JSON <c>{"addressMetrics": {...}}</c> sorted by address, <c>null</c> when empty.</summary>
public sealed record SourceMetrics(IReadOnlyDictionary<string, AddressMetric> AddressMetrics)
{
    public static SourceMetrics Empty { get; } = new(new Dictionary<string, AddressMetric>());

    public SourceMetrics Merge(SourceMetrics other) => new(AddressMetricsJson.Merge(AddressMetrics, other.AddressMetrics));

    public JsonObject ToJson() => AddressMetricsJson.ToJson(AddressMetrics);

    public static SourceMetrics FromJson(JsonObject? json) => new(AddressMetricsJson.FromJson(json));
}
