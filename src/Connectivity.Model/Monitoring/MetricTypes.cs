namespace Connectivity.Model.Monitoring;

/// <summary>Wire names of <see cref="MetricType"/> and the directions each type applies to (spec §5.1).</summary>
public static class MetricTypes
{
    public static string ToWire(this MetricType type) => WireName.Of(type);

    public static bool TryParse(string? wire, out MetricType type) => WireName.TryParse(wire, out type);

    /// <summary>True if <paramref name="type"/> is counted in <paramref name="direction"/>.</summary>
    public static bool SupportsDirection(this MetricType type, MetricDirection direction) => type switch
    {
        MetricType.Consumed or MetricType.Enforced or MetricType.Throttled => direction == MetricDirection.Inbound,
        MetricType.Dispatched or MetricType.Filtered or MetricType.Published => direction == MetricDirection.Outbound,
        _ => true,
    };

    /// <summary>The types shown for every address of <paramref name="direction"/>, in JSON order
    /// (all types of that direction except <see cref="MetricType.Other"/>).</summary>
    public static IReadOnlyList<MetricType> Defaults(MetricDirection direction) =>
        [.. Enum.GetValues<MetricType>().Where(t => t != MetricType.Other && t.SupportsDirection(direction))];
}
