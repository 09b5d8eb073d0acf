namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>The cluster of <see cref="ClientPlacementTests"/>: three nodes on a schema of their own.</summary>
public sealed class PlacementClusterFixture() : ClusterFixture("placement");
