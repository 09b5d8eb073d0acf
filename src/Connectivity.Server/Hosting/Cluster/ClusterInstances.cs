using Connectivity.Actors;
using Connectivity.Cluster.Transport;
using Connectivity.Gateway.Dispatch;
using Connectivity.Model.Signals;

namespace Connectivity.Server.Hosting.Cluster;

/// <summary>Cluster mode: every live node is an instance; other nodes are asked over the cluster transport.</summary>
public sealed class ClusterInstances(ClusterNode node, LocalInstance local) : IConnectivityInstances
{
    public string Self => node.NodeId;

    public IReadOnlyList<string> All =>
        node.Membership?.Current.Members is { Count: > 0 } members ? members.Select(m => m.NodeId).ToList() : [Self];

    public async Task<IConnectivityResponse?> AskAsync(string instance, string path, IConnectivityCommand command, TimeSpan timeout, CancellationToken ct)
    {
        if (instance == Self)
        {
            return await local.AskAsync(instance, path, command, timeout, ct);
        }

        if (node.Membership.Current.Members.FirstOrDefault(m => m.NodeId == instance) is not { } member)
        {
            return null;
        }

        try
        {
            return ConnectivityReplies.ToResponse(await node.Transport.AskAsync(member.Address, path, command, timeout, ct), command.Headers);
        }
        catch (Exception e) when (e is AskTimeoutException or ClusterTransportException)
        {
            return null;
        }
    }
}
