namespace Connectivity.Model.Connections;

/// <summary>Acknowledgements a source requests for incoming messages (spec §1.9), optionally conditional on an <c>fn:filter</c>.</summary>
public sealed record AcknowledgementRequests(IReadOnlyList<string> Includes, string? Filter = null)
{
    public IReadOnlyList<string> Includes { get; init => field = EquatableList<string>.From(value.Distinct()); } = EquatableList<string>.From(Includes.Distinct());
}
