namespace Connectivity.Cluster.Sharding;

/// <summary>
/// Delivers a message to the same region on another node (cluster transport), waiting at most the given timeout for
/// an answer on behalf of the sender; throws when the node cannot be reached.
/// </summary>
public interface IRemoteRegion
{
    Task ForwardAsync(string nodeAddress, string regionPath, object message, Actors.IActorRef sender, TimeSpan timeout);
}
