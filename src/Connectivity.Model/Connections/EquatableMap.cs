using System.Collections;

namespace Connectivity.Model.Connections;

/// <summary>
/// An immutable string-keyed map with value equality that keeps insertion order for emission
/// (header mappings and specific config are emitted in the order they were given).
/// </summary>
internal sealed class EquatableMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<EquatableMap<TValue>>
{
    private readonly KeyValuePair<string, TValue>[] entries;
    private readonly Dictionary<string, TValue> lookup;

    private EquatableMap(KeyValuePair<string, TValue>[] entries)
    {
        this.entries = entries;
        lookup = new Dictionary<string, TValue>(entries, StringComparer.Ordinal);
    }

    public static EquatableMap<TValue> Empty { get; } = new([]);

    /// <summary>Copies <paramref name="entries"/>; a later duplicate key replaces the earlier value in place.</summary>
    public static EquatableMap<TValue> From(IEnumerable<KeyValuePair<string, TValue>>? entries)
    {
        if (entries is null)
        {
            return Empty;
        }

        if (entries is EquatableMap<TValue> map)
        {
            return map;
        }

        var ordered = new List<KeyValuePair<string, TValue>>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (positions.TryGetValue(entry.Key, out var position))
            {
                ordered[position] = entry;
            }
            else
            {
                positions[entry.Key] = ordered.Count;
                ordered.Add(entry);
            }
        }

        return new EquatableMap<TValue>([.. ordered]);
    }

    public TValue this[string key] => lookup[key];

    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    public IEnumerable<TValue> Values => entries.Select(e => e.Value);

    public int Count => entries.Length;

    public bool ContainsKey(string key) => lookup.ContainsKey(key);

    public bool TryGetValue(string key, out TValue value) => lookup.TryGetValue(key, out value!);

    public bool Equals(EquatableMap<TValue>? other) =>
        other is not null
        && other.Count == Count
        && entries.All(e => other.lookup.TryGetValue(e.Key, out var v) && EqualityComparer<TValue>.Default.Equals(e.Value, v));

    public override bool Equals(object? obj) => Equals(obj as EquatableMap<TValue>);

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in entries)
        {
            hash ^= HashCode.Combine(key, value);
        }

        return hash;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TValue>>)entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
