using System.Text.Json.Nodes;

namespace Connectivity.Model.Monitoring;

/// <summary>The shared <c>{"addressMetrics": {...}}</c> shape of source and target metrics (spec §5.1).</summary>
internal static class AddressMetricsJson
{
    /// <summary>How an empty address is rendered as a JSON key.</summary>
    public const string EmptyAddressKey = "<empty>";

    public static JsonObject ToJson(IReadOnlyDictionary<string, AddressMetric> addressMetrics)
    {
        JsonObject? perAddress = null;
        if (addressMetrics.Count > 0)
        {
            perAddress = [];
            foreach (var (address, metric) in addressMetrics.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                perAddress[address.Length == 0 ? EmptyAddressKey : address] = metric.ToJson();
            }
        }

        return new JsonObject { ["addressMetrics"] = perAddress };
    }

    public static Dictionary<string, AddressMetric> FromJson(JsonObject? json)
    {
        var result = new Dictionary<string, AddressMetric>(StringComparer.Ordinal);
        if (json?["addressMetrics"] is JsonObject perAddress)
        {
            foreach (var (key, metric) in perAddress)
            {
                result[key == EmptyAddressKey ? string.Empty : key] = AddressMetric.FromJson(metric as JsonObject);
            }
        }

        return result;
    }

    public static Dictionary<string, AddressMetric> Merge(
        IReadOnlyDictionary<string, AddressMetric> left, IReadOnlyDictionary<string, AddressMetric> right)
    {
        var result = new Dictionary<string, AddressMetric>(left, StringComparer.Ordinal);
        foreach (var (address, metric) in right)
        {
            result[address] = result.TryGetValue(address, out var existing) ? existing.Merge(metric) : metric;
        }

        return result;
    }
}
