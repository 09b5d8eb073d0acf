using System.Text.Json.Nodes;

namespace Connectivity.Model.Monitoring;

/// <summary>
/// The counts of one metric type, success or failure, per sliding window, plus the time of the last counted message
/// (spec §5.1).
/// </summary>
public sealed record Measurement(
    MetricType Type,
    bool Success,
    IReadOnlyDictionary<TimeSpan, long> Counts,
    DateTimeOffset? LastMessageAt)
{
    /// <summary>A measurement with zero in every standard window and no message yet.</summary>
    public static Measurement Zero(MetricType type, bool success) =>
        new(type, success, MetricWindow.All.ToDictionary(window => window, _ => 0L), null);

    /// <summary>True if any window counted something.</summary>
    public bool HasCounts => Counts.Values.Any(count => count > 0);

    /// <summary>Adds the counts per window and keeps the later <see cref="LastMessageAt"/>.</summary>
    public Measurement Merge(Measurement other)
    {
        var counts = new Dictionary<TimeSpan, long>(Counts);
        foreach (var (window, count) in other.Counts)
        {
            counts[window] = counts.GetValueOrDefault(window) + count;
        }

        var last = (LastMessageAt, other.LastMessageAt) switch
        {
            (null, var theirs) => theirs,
            (var mine, null) => mine,
            ({ } mine, { } theirs) => mine >= theirs ? mine : theirs,
        };
        return this with { Counts = counts, LastMessageAt = last };
    }

    /// <summary>The counter object: windows sorted ascending, then <c>lastMessageAt</c> (JSON null if none).</summary>
    public JsonObject ToCountsJson()
    {
        var json = new JsonObject();
        foreach (var (window, count) in Counts.OrderBy(entry => entry.Key))
        {
            json[MetricWindow.ToWire(window)] = count;
        }

        json["lastMessageAt"] = LastMessageAt is { } last ? JsonValue.Create(JavaInstant.Format(last)) : null;
        return json;
    }

    /// <summary>Reads a counter object as written by <see cref="ToCountsJson"/>.</summary>
    public static Measurement FromCountsJson(MetricType type, bool success, JsonObject json)
    {
        var counts = new Dictionary<TimeSpan, long>();
        foreach (var (key, value) in json)
        {
            if (value is JsonValue number && number.TryGetValue<long>(out var count))
            {
                counts[MetricWindow.TryParse(key, out var window)
                    ? window
                    : throw MonitoringJson.Invalid($"The metric window <{key}> is not a duration.")] = count;
            }
        }

        return new Measurement(type, success, counts, MonitoringJson.OptionalInstant(json, "lastMessageAt"));
    }
}
