namespace Connectivity.Persistence.Journal;

/// <summary>
/// One event as the journal stores it: the event's identity (persistence id + sequence number), its
/// serialized form (a manifest naming the type and a JSON payload), the tags it carries and when it was
/// written. Journals keep the timestamp to the microsecond and hand it back in UTC.
/// </summary>
public sealed record PersistentRepr(
    string PersistenceId,
    long SequenceNr,
    string Manifest,
    string Payload,
    IReadOnlyList<string> Tags,
    DateTimeOffset Timestamp);
