using Connectivity.Actors;
using Connectivity.Cluster.Sharding;

namespace Connectivity.Cluster.Transport;

/// <summary>Forwards region messages to another node over the cluster transport, keeping the original sender for replies.</summary>
public sealed class TransportRemoteRegion(ClusterTransportClient transport) : IRemoteRegion
{
    public Task ForwardAsync(string nodeAddress, string regionPath, object message, IActorRef sender) =>
        transport.TellAsync(nodeAddress, regionPath, message, sender);
}
