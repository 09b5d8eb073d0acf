using System.Text.Json.Nodes;

namespace Connectivity.Model.Monitoring;

/// <summary>
/// The measurements of one address (or of one direction of the whole connection), at most one per
/// (type, success). JSON: <c>{"consumed": {"success": {...}, "failure": {...}}, ...}</c>, types in enum order,
/// success before failure, and JSON <c>null</c> when there are no measurements (spec §5.1).
/// </summary>
public sealed record AddressMetric(IReadOnlyList<Measurement> Measurements)
{
    public static AddressMetric Empty { get; } = new([]);

    /// <summary>True if any failure measurement counted something.</summary>
    public bool ContainsFailures => Measurements.Any(m => !m.Success && m.HasCounts);

    /// <summary>Merges measurements of equal (type, success); the result is in JSON order.</summary>
    public AddressMetric Merge(AddressMetric other) => Of(Measurements.Concat(other.Measurements));

    /// <summary>Builds a metric from measurements, merging those of equal (type, success).</summary>
    public static AddressMetric Of(IEnumerable<Measurement> measurements) =>
        new([.. measurements
            .GroupBy(m => (m.Type, m.Success))
            .Select(group => group.Aggregate((left, right) => left.Merge(right)))
            .OrderBy(m => m.Type)
            .ThenByDescending(m => m.Success)]);

    public JsonObject? ToJson()
    {
        if (Measurements.Count == 0)
        {
            return null;
        }

        var json = new JsonObject();
        foreach (var measurement in Of(Measurements).Measurements)
        {
            var typeName = measurement.Type.ToWire();
            if (json[typeName] is not JsonObject perType)
            {
                perType = [];
                json[typeName] = perType;
            }

            perType[measurement.Success ? "success" : "failure"] = measurement.ToCountsJson();
        }

        return json;
    }

    public static AddressMetric FromJson(JsonObject? json)
    {
        if (json is null)
        {
            return Empty;
        }

        var measurements = new List<Measurement>();
        foreach (var (typeName, perType) in json)
        {
            if (!MetricTypes.TryParse(typeName, out var type) || perType is not JsonObject levels)
            {
                throw MonitoringJson.Invalid($"The metric type <{typeName}> is unknown.");
            }

            foreach (var (level, counts) in levels)
            {
                var success = level switch
                {
                    "success" => true,
                    "failure" => false,
                    _ => throw MonitoringJson.Invalid($"Unknown key <{level}>, expected 'success' or 'failure'."),
                };
                if (counts is JsonObject countsJson)
                {
                    measurements.Add(Measurement.FromCountsJson(type, success, countsJson));
                }
            }
        }

        return new AddressMetric(measurements);
    }
}
