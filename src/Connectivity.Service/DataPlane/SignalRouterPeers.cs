using Connectivity.Actors;

namespace Connectivity.Service.DataPlane;

/// <summary>What the <see cref="SignalRouterActor"/> knows of the cluster: this node, the live members, and how to reach their routers.</summary>
/// <param name="SelfNodeId">This node's id.</param>
/// <param name="SelfAddress">The address other nodes reach this node at.</param>
/// <param name="LiveMembers">The live members (this node included) as node id and address.</param>
/// <param name="RouterAt">The signal router of the node at an address.</param>
public sealed record SignalRouterPeers(
    string SelfNodeId,
    string SelfAddress,
    Func<IReadOnlyList<(string NodeId, string Address)>> LiveMembers,
    Func<string, IActorRef> RouterAt);
