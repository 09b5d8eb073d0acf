using Connectivity.Actors;
using Connectivity.Cluster.Membership;

namespace Connectivity.Service.Clients;

/// <summary>
/// What a connection actor needs to place its clients on other nodes in cluster mode: this node, the live members,
/// and the node-to-node transport to the <see cref="ClientHostActor"/>s (<c>/system/clients</c>) and the clients they run.
/// </summary>
public interface IClientPlacement
{
    /// <summary>This node, which hosts client 0 of the connections it owns.</summary>
    Member Self { get; }

    /// <summary>The live members as last seen.</summary>
    IReadOnlyList<Member> LiveMembers { get; }

    /// <summary>Asks the client host of the node at <paramref name="nodeAddress"/>; the reply as it came (possibly a <c>Status.Failure</c>).</summary>
    Task<object> AskHostAsync(string nodeAddress, object message, TimeSpan timeout);

    /// <summary>A reference to the actor at <paramref name="path"/> on the node at <paramref name="nodeAddress"/>.</summary>
    IActorRef RemoteRef(string nodeAddress, string path);
}
