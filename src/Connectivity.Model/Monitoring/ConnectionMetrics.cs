using System.Text.Json.Nodes;

namespace Connectivity.Model.Monitoring;

/// <summary>The connection-wide metrics per direction: <c>{"inbound": ..., "outbound": ...}</c> (spec §5.1).</summary>
public sealed record ConnectionMetrics(AddressMetric Inbound, AddressMetric Outbound)
{
    public static ConnectionMetrics Empty { get; } = new(AddressMetric.Empty, AddressMetric.Empty);

    /// <summary>True if any inbound or outbound failure counter is above zero.</summary>
    public bool ContainsFailures => Inbound.ContainsFailures || Outbound.ContainsFailures;

    public ConnectionMetrics Merge(ConnectionMetrics other) => new(Inbound.Merge(other.Inbound), Outbound.Merge(other.Outbound));

    public JsonObject ToJson() => new()
    {
        ["inbound"] = Inbound.ToJson(),
        ["outbound"] = Outbound.ToJson(),
    };

    public static ConnectionMetrics FromJson(JsonObject? json) =>
        json is null
            ? Empty
            : new ConnectionMetrics(
                AddressMetric.FromJson(MonitoringJson.OptionalObject(json, "inbound")),
                AddressMetric.FromJson(MonitoringJson.OptionalObject(json, "outbound")));
}
