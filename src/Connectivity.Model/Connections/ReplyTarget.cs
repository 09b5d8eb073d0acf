namespace Connectivity.Model.Connections;

/// <summary>Where responses to a source's commands go (spec §1.9); inherits the source's payload mapping.</summary>
public sealed record ReplyTarget
{
    /// <summary>The expected response types when none are given.</summary>
    public static IReadOnlyList<string> DefaultExpectedResponseTypes { get; } = EquatableList<string>.From(["response", "error"]);

    /// <summary>All expected response types Ditto knows; others are ignored on parse.</summary>
    public static IReadOnlyList<string> KnownResponseTypes { get; } = EquatableList<string>.From(["response", "error", "nack"]);

    public required string Address { get; init; }

    public IReadOnlyDictionary<string, string> HeaderMapping { get; init => field = EquatableMap<string>.From(value); } = EquatableMap<string>.Empty;

    public IReadOnlyList<string> ExpectedResponseTypes { get; init => field = EquatableList<string>.From(value.Distinct()); } = DefaultExpectedResponseTypes;
}
