using System.Text.Json.Nodes;

namespace Connectivity.Model.Connections;

/// <summary>
/// A payload mapper definition (spec §1.8): engine alias, engine options (any JSON) and optional
/// incoming/outgoing <c>fn:filter</c> conditions. <see cref="Options"/> is copied in and out, so the record stays immutable.
/// </summary>
public sealed record MappingContext
{
    public required string MappingEngine { get; init; }

    public JsonObject Options { get => (JsonObject)field.DeepClone(); init => field = (JsonObject)value.DeepClone(); } = [];

    public IReadOnlyDictionary<string, string> IncomingConditions { get; init => field = EquatableMap<string>.From(value); } = EquatableMap<string>.Empty;

    public IReadOnlyDictionary<string, string> OutgoingConditions { get; init => field = EquatableMap<string>.From(value); } = EquatableMap<string>.Empty;

    public bool Equals(MappingContext? other) =>
        other is not null
        && MappingEngine == other.MappingEngine
        && JsonNode.DeepEquals(Options, other.Options)
        && IncomingConditions.Equals(other.IncomingConditions)
        && OutgoingConditions.Equals(other.OutgoingConditions);

    public override int GetHashCode() => HashCode.Combine(MappingEngine, Options.Count, IncomingConditions, OutgoingConditions);
}
