using System.Collections;

namespace Connectivity.Model.Connections;

/// <summary>
/// An immutable list with value equality, so that records holding lists compare by content
/// (a parsed, emitted and re-parsed connection equals the original).
/// </summary>
internal sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly T[] items;

    private EquatableList(T[] items) => this.items = items;

    public static EquatableList<T> Empty { get; } = new([]);

    public static EquatableList<T> From(IEnumerable<T>? items) =>
        items switch
        {
            null => Empty,
            EquatableList<T> list => list,
            _ => new EquatableList<T>([.. items]),
        };

    public int Count => items.Length;

    public T this[int index] => items[index];

    public bool Equals(EquatableList<T>? other) =>
        other is not null && items.AsSpan().SequenceEqual(other.items, EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => Equals(obj as EquatableList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public override string ToString() => $"[{string.Join(", ", items)}]";
}
