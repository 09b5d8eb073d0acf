using System.Text;

namespace Connectivity.Model.Connections;

/// <summary>
/// Ditto's JSON field selector: a comma list of JSON pointers such as <c>id,name,_revision,sources</c>. Nested
/// pointers (<c>credentials/type</c>) and the bracket form <c>credentials(type,username)</c> are supported;
/// commas inside placeholders (<c>{{ ... }}</c>) do not split.
/// </summary>
public sealed record FieldSelector(IReadOnlyList<string> Fields)
{
    public IReadOnlyList<string> Fields { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.From(Fields);

    public static FieldSelector Parse(string commaList) => new(Expand(string.Empty, commaList));

    /// <summary>Whether the selector contains <paramref name="pointer"/> exactly.</summary>
    public bool Contains(string pointer) => Fields.Contains(pointer.Trim('/'), StringComparer.Ordinal);

    public override string ToString() => string.Join(",", Fields);

    private static List<string> Expand(string prefix, string list)
    {
        var result = new List<string>();
        foreach (var part in SplitTopLevel(list))
        {
            var open = part.IndexOf('(', StringComparison.Ordinal);
            if (open > 0 && part.EndsWith(')') && !part.StartsWith("{{", StringComparison.Ordinal))
            {
                var head = prefix + part[..open].Trim('/') + "/";
                result.AddRange(Expand(head, part[(open + 1)..^1]));
            }
            else
            {
                result.Add(prefix + part.Trim('/'));
            }
        }

        return result;
    }

    private static IEnumerable<string> SplitTopLevel(string list)
    {
        var depth = 0;
        var current = new StringBuilder();
        foreach (var c in list)
        {
            depth += c switch
            {
                '(' or '{' => 1,
                ')' or '}' => -1,
                _ => 0,
            };
            if (c == ',' && depth == 0)
            {
                if (current.ToString().Trim() is { Length: > 0 } done)
                {
                    yield return done;
                }

                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.ToString().Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }
}
