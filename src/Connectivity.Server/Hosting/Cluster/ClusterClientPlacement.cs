using Connectivity.Actors;
using Connectivity.Cluster.Membership;
using Connectivity.Service.Clients;

namespace Connectivity.Server.Hosting.Cluster;

/// <summary>Client placement over this node's membership and node-to-node transport (cluster mode).</summary>
public sealed class ClusterClientPlacement(ClusterNode node) : IClientPlacement
{
    public Member Self => node.Membership.Self;

    public IReadOnlyList<Member> LiveMembers => node.Membership.Current.Members;

    public Task<object> AskHostAsync(string nodeAddress, object message, TimeSpan timeout) =>
        node.Transport.AskAsync(nodeAddress, ClientHostActor.Path, message, timeout);

    public IActorRef RemoteRef(string nodeAddress, string path) => node.Transport.RemoteRef(nodeAddress, path);
}
