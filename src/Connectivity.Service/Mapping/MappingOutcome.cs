namespace Connectivity.Service.Mapping;

/// <summary>
/// What one mapper made of one message (spec §7.1): the mapped messages (none: dropped), or a <see cref="Failure"/>
/// for the connection log, or <see cref="Skipped"/> when the mapper did not run because one of its conditions was
/// false or the content type is on its blocklist (<see cref="SkipReason"/> says which).
/// </summary>
public sealed record MappingOutcome<T>(string MapperId, IReadOnlyList<T> Messages, string? Failure, bool Skipped)
{
    /// <summary>Why the mapper was skipped; null unless <see cref="Skipped"/>.</summary>
    public string? SkipReason { get; init; }

    /// <summary>The mapper ran and produced no message.</summary>
    public bool Dropped => Failure is null && !Skipped && Messages.Count == 0;

    public static MappingOutcome<T> Mapped(string mapperId, IReadOnlyList<T> messages) => new(mapperId, messages, null, false);

    public static MappingOutcome<T> Failed(string mapperId, string failure) => new(mapperId, [], failure, false);

    public static MappingOutcome<T> Skip(string mapperId, string reason) => new(mapperId, [], null, true) { SkipReason = reason };
}
