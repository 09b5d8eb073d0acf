using Connectivity.Persistence.Snapshots;

namespace Connectivity.Persistence.Tests.Actors;

/// <summary>A snapshot store that has nothing and cannot save.</summary>
public sealed class FailingSnapshotStore : ISnapshotStore
{
    public Task SaveAsync(SnapshotMetadata metadata, string manifest, string payload, CancellationToken ct = default) =>
        Task.FromException(new IOException("Snapshot store unavailable."));

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken ct = default) =>
        Task.FromResult<SelectedSnapshot?>(null);

    public Task DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken ct = default) => Task.CompletedTask;
}
