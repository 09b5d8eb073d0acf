using Connectivity.Actors;
using Connectivity.Cluster.Sharding;

namespace Connectivity.Cluster.Transport;

/// <summary>
/// Forwards region messages to another node over the cluster transport. A message with a sender is forwarded as an
/// ask whose answer comes back on the same HTTP/2 request and is handed to the sender here, so that no new inbound
/// request to this node is needed for the reply (which matters while this node is shutting down and its listeners
/// are closed); a message without a sender is told.
/// </summary>
public sealed class TransportRemoteRegion(ClusterTransportClient transport) : IRemoteRegion
{
    public async Task ForwardAsync(string nodeAddress, string regionPath, object message, IActorRef sender, TimeSpan timeout)
    {
        if (sender.Equals(ActorRefs.NoSender) || sender.Equals(transport.ActorSystem.DeadLetters))
        {
            await transport.TellAsync(nodeAddress, regionPath, message, sender: null);
            return;
        }

        object reply;
        try
        {
            reply = await transport.AskAsync(nodeAddress, regionPath, message, timeout);
        }
        catch (AskTimeoutException)
        {
            return;
        }

        sender.Tell(reply, ActorRefs.NoSender);
    }
}
