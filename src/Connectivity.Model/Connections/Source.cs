namespace Connectivity.Model.Connections;

/// <summary>A connection source (spec §1.9): addresses consumed by <see cref="ConsumerCount"/> consumers per client.</summary>
public sealed record Source
{
    public IReadOnlyList<string> Addresses { get; init => field = EquatableList<string>.From(value.Distinct()); } = EquatableList<string>.Empty;

    public int ConsumerCount { get; init; } = 1;

    public int? Qos { get; init; }

    public IReadOnlyList<string> AuthorizationContext { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.Empty;

    public Enforcement? Enforcement { get; init; }

    public AcknowledgementRequests? AcknowledgementRequests { get; init; }

    public IReadOnlyList<string> DeclaredAcks { get; init => field = EquatableList<string>.From(value.Distinct()); } = EquatableList<string>.Empty;

    public IReadOnlyDictionary<string, string> HeaderMapping { get; init => field = EquatableMap<string>.From(value); } = EquatableMap<string>.Empty;

    public IReadOnlyList<string> PayloadMapping { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.Empty;

    public ReplyTarget? ReplyTarget { get; init; }

    /// <summary>Whether responses are sent to the reply target; JSON <c>replyTarget/enabled</c>, default true.</summary>
    public bool ReplyTargetEnabled { get; init; } = true;
}
