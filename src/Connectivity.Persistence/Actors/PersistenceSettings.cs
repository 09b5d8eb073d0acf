using Connectivity.Persistence.Journal;
using Connectivity.Persistence.Snapshots;

namespace Connectivity.Persistence.Actors;

/// <summary>
/// Where persistent actors of one actor system keep their events and snapshots, how often they snapshot
/// (every <paramref name="SnapshotEvery"/> events, for actors that offer one) and how many may recover at
/// once (so a node taking over many shards does not flood the store).
/// </summary>
public sealed record PersistenceSettings(
    IJournal Journal,
    ISnapshotStore Snapshots,
    int SnapshotEvery = 100,
    int MaxConcurrentRecoveries = 50);
