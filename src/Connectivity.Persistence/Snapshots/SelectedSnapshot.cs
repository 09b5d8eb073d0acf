namespace Connectivity.Persistence.Snapshots;

/// <summary>A snapshot loaded from a store: its metadata and its serialized state.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, string Manifest, string Payload);
