using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Connectivity.Model.Headers;

/// <summary>
/// Immutable, case-insensitive string headers that travel with every command and response
/// (Ditto's <c>DittoHeaders</c>). Well-known keys have typed accessors.
/// </summary>
public sealed class DittoHeaders : IReadOnlyDictionary<string, string>
{
    public const string CorrelationIdKey = "correlation-id";
    public const string TimeoutKey = "timeout";
    public const string SudoKey = "ditto-sudo";
    public const string DryRunKey = "dry-run";
    public const string AggregateKey = "aggregate";
    public const string IsGroupTopicKey = "is-group-topic";
    public const string ResponseRequiredKey = "response-required";

    private readonly Dictionary<string, string> entries;

    private DittoHeaders(Dictionary<string, string> entries) => this.entries = entries;

    public static DittoHeaders Empty { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    public static DittoHeaders Of(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var dict = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries)
        {
            dict[key] = value;
        }

        return new DittoHeaders(dict);
    }

    /// <summary>Reads a headers object; non-string values are stringified (<c>true</c> becomes <c>"true"</c>).</summary>
    public static DittoHeaders FromJson(JsonObject? json)
    {
        if (json is null)
        {
            return Empty;
        }

        var dict = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in json)
        {
            if (value is null)
            {
                continue;
            }

            dict[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
        }

        return new DittoHeaders(dict);
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var (key, value) in entries)
        {
            json[key] = value;
        }

        return json;
    }

    public DittoHeaders With(string key, string value)
    {
        var dict = new Dictionary<string, string>(entries, StringComparer.OrdinalIgnoreCase) { [key] = value };
        return new DittoHeaders(dict);
    }

    public DittoHeaders Without(string key)
    {
        var dict = new Dictionary<string, string>(entries, StringComparer.OrdinalIgnoreCase);
        dict.Remove(key);
        return new DittoHeaders(dict);
    }

    public string? CorrelationId => entries.GetValueOrDefault(CorrelationIdKey);

    /// <summary>The <c>timeout</c> header: plain milliseconds or a duration with unit <c>ms</c>, <c>s</c> or <c>m</c>.</summary>
    public TimeSpan? Timeout => entries.TryGetValue(TimeoutKey, out var raw) ? ParseDuration(raw) : null;

    public bool IsSudo => IsTrue(SudoKey);

    public bool IsDryRun => IsTrue(DryRunKey);

    /// <summary>Piggyback <c>aggregate</c> header; Ditto's default is <c>true</c>.</summary>
    public bool Aggregate => !entries.TryGetValue(AggregateKey, out var raw) || !string.Equals(raw, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Piggyback <c>is-group-topic</c>: any value other than <c>false</c> means group.</summary>
    public bool IsGroupTopic => entries.TryGetValue(IsGroupTopicKey, out var raw) && !string.Equals(raw, "false", StringComparison.OrdinalIgnoreCase);

    private bool IsTrue(string key) => entries.TryGetValue(key, out var raw) && string.Equals(raw, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses Ditto's duration header values: <c>1500</c>, <c>1500ms</c>, <c>15s</c>, <c>1m</c>. Null if invalid.</summary>
    public static TimeSpan? ParseDuration(string raw)
    {
        raw = raw.Trim();
        (string number, double factor) = raw switch
        {
            _ when raw.EndsWith("ms", StringComparison.Ordinal) => (raw[..^2], 1d),
            _ when raw.EndsWith('s') => (raw[..^1], 1000d),
            _ when raw.EndsWith('m') => (raw[..^1], 60_000d),
            _ => (raw, 1d),
        };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? TimeSpan.FromMilliseconds(value * factor)
            : null;
    }

    public string this[string key] => entries[key];

    public IEnumerable<string> Keys => entries.Keys;

    public IEnumerable<string> Values => entries.Values;

    public int Count => entries.Count;

    public bool ContainsKey(string key) => entries.ContainsKey(key);

    public bool TryGetValue(string key, out string value) => entries.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
