using Connectivity.Service.DataPlane;
using Microsoft.Extensions.Options;

namespace Connectivity.Server.Hosting.Cluster;

/// <summary>Creates the cluster-mode signal router: this node's router plus the other nodes', reached through the node-to-node transport.</summary>
public static class ClusterSignalRouters
{
    public static ClusterSignalRouter Create(IServiceProvider services)
    {
        var node = services.GetRequiredService<ClusterNode>();
        return new ClusterSignalRouter(
            services.GetRequiredService<LocalSignalRouter>(),
            services.GetRequiredService<IOptions<ClusterModeOptions>>().Value.NodeId,
            (address, message) => node.Transport.RemoteRef(address, SignalRouterActor.Path).Tell(message));
    }
}
