namespace Connectivity.Model.Connections;

/// <summary>Source enforcement (spec §1.9): the resolved <see cref="Input"/> must match one of the <see cref="Filters"/>.</summary>
public sealed record Enforcement(string Input, IReadOnlyList<string> Filters)
{
    public IReadOnlyList<string> Filters { get; init => field = EquatableList<string>.From(value.Distinct()); } = EquatableList<string>.From(Filters.Distinct());
}
