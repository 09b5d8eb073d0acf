namespace Connectivity.Model.Placeholders;

/// <summary>How resolving a placeholder template ended.</summary>
public enum PlaceholderOutcome
{
    /// <summary>Every placeholder had a value.</summary>
    Resolved,

    /// <summary>Some placeholder had no value (or was filtered away): drop the message or skip the header.</summary>
    Unresolved,

    /// <summary>A pipeline ended in <c>fn:delete()</c>: the header (or value) is to be removed.</summary>
    Deleted,
}

/// <summary>
/// The result of resolving a placeholder template: the resolved text (and every variant when a placeholder had
/// several values), or why it is unresolved, or deleted.
/// </summary>
public sealed class PlaceholderResult
{
    private PlaceholderResult(PlaceholderOutcome outcome, IReadOnlyList<string> values, string? reason)
    {
        Outcome = outcome;
        Values = values;
        Reason = reason;
    }

    public static PlaceholderResult Deleted { get; } = new(PlaceholderOutcome.Deleted, [], "deleted by fn:delete()");

    public PlaceholderOutcome Outcome { get; }

    /// <summary>All resolved variants (at least one when resolved, none otherwise).</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Why the template is unresolved or deleted, for the connection log; null when resolved.</summary>
    public string? Reason { get; }

    /// <summary>The (first) resolved text, or null when unresolved or deleted.</summary>
    public string? Text => Outcome == PlaceholderOutcome.Resolved ? Values[0] : null;

    public bool IsResolved => Outcome == PlaceholderOutcome.Resolved;

    public bool IsUnresolved => Outcome == PlaceholderOutcome.Unresolved;

    public bool IsDeleted => Outcome == PlaceholderOutcome.Deleted;

    public static PlaceholderResult Resolved(string text) => new(PlaceholderOutcome.Resolved, [text], null);

    /// <summary>Resolved with several variants; an empty list is unresolved.</summary>
    public static PlaceholderResult Resolved(IReadOnlyList<string> values, string reasonIfEmpty = "no value") =>
        values.Count == 0 ? Unresolved(reasonIfEmpty) : new(PlaceholderOutcome.Resolved, values.ToArray(), null);

    public static PlaceholderResult Unresolved(string reason) => new(PlaceholderOutcome.Unresolved, [], reason);

    public override string ToString() => Outcome switch
    {
        PlaceholderOutcome.Resolved => Values.Count == 1 ? Values[0] : "[" + string.Join(", ", Values) + "]",
        _ => $"{Outcome}: {Reason}",
    };
}
