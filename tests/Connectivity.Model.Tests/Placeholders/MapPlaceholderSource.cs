using Connectivity.Model.Placeholders;

namespace Connectivity.Model.Tests.Placeholders;

/// <summary>A placeholder source over a map of <c>prefix:name</c> to value; a null value is known but unresolvable.</summary>
internal sealed class MapPlaceholderSource(params (string Placeholder, string? Value)[] entries) : IPlaceholderSource
{
    private readonly Dictionary<string, string?> values = entries.ToDictionary(e => e.Placeholder, e => e.Value, StringComparer.Ordinal);

    public bool TryResolve(string prefix, string name, out string? value) => values.TryGetValue(prefix + ":" + name, out value);
}
