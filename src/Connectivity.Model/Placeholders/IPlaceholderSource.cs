namespace Connectivity.Model.Placeholders;

/// <summary>
/// Values for placeholders such as <c>thing:id</c> or <c>header:device_id</c> (spec §7.3), looked up by prefix and name.
/// </summary>
public interface IPlaceholderSource
{
    /// <summary>
    /// Looks up <c>prefix:name</c>. False: this source does not know the placeholder at all; true with a null value:
    /// the placeholder is known but has no value here (e.g. <c>feature:id</c> of a signal about a whole thing).
    /// </summary>
    bool TryResolve(string prefix, string name, out string? value);

    /// <summary>
    /// Like <see cref="TryResolve"/> for placeholders with several values (e.g. <c>thing-json</c> pointing at an array);
    /// the default returns the single value of <see cref="TryResolve"/>. An empty list means no value.
    /// </summary>
    bool TryResolveAll(string prefix, string name, out IReadOnlyList<string> values)
    {
        if (!TryResolve(prefix, name, out var value))
        {
            values = [];
            return false;
        }

        values = value is null ? [] : [value];
        return true;
    }
}
