namespace Connectivity.Model.Connections;

/// <summary>A connection target (spec §1.10): publishes the subscribed <see cref="Topics"/> to <see cref="Address"/>.</summary>
public sealed record Target
{
    public required string Address { get; init; }

    public IReadOnlyList<FilteredTopic> Topics { get; init => field = EquatableList<FilteredTopic>.From(value.Distinct()); } = EquatableList<FilteredTopic>.Empty;

    public int? Qos { get; init; }

    public IReadOnlyList<string> AuthorizationContext { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.Empty;

    public string? IssuedAcknowledgementLabel { get; init; }

    public IReadOnlyDictionary<string, string> HeaderMapping { get; init => field = EquatableMap<string>.From(value); } = EquatableMap<string>.Empty;

    public IReadOnlyList<string> PayloadMapping { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.Empty;
}
