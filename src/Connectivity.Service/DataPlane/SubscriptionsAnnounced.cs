namespace Connectivity.Service.DataPlane;

/// <summary>
/// Node <paramref name="NodeId"/> (reachable at <paramref name="NodeAddress"/>) tells the others every subscription of
/// its clients: sent whenever they change and every heartbeat interval, so a node that missed one catches up.
/// <paramref name="Version"/> grows with every change on the announcing node.
/// </summary>
public sealed record SubscriptionsAnnounced(string NodeId, string NodeAddress, long Version, IReadOnlyList<AnnouncedSubscription> Subscriptions);
