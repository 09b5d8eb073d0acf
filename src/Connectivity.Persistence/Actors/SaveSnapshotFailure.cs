using Connectivity.Actors;

namespace Connectivity.Persistence.Actors;

/// <summary>
/// Published on the event stream when a persistent actor's snapshot could not be saved. The actor goes on:
/// its events are safe in the journal, recovery just replays more of them.
/// </summary>
public sealed record SaveSnapshotFailure(ActorPath Path, string PersistenceId, long SequenceNr, Exception Cause);
