using Connectivity.Actors;

namespace Connectivity.Cluster.Transport;

/// <summary>
/// An actor on another node. <see cref="Path"/> shows the node: <c>/remote/&lt;host:port&gt;/user/a</c>. Tell is
/// fire-and-forget through the node's outbox, which sends in order (so two messages from here to the same node arrive
/// in the order told); a message that cannot be delivered is published locally as <see cref="RemoteDeliveryFailed"/>.
/// Usable as the sender of a local message, so a local actor's reply travels back to the remote asker.
/// </summary>
public sealed class RemoteActorRef : IActorRef, IEquatable<RemoteActorRef>
{
    private readonly ClusterTransportClient _transport;

    internal RemoteActorRef(ClusterTransportClient transport, string nodeAddress, ActorPath recipientPath)
    {
        _transport = transport;
        NodeAddress = nodeAddress;
        RecipientPath = recipientPath;
        var path = ActorPath.Root.Child("remote").Child(new Uri(nodeAddress).Authority);
        foreach (var element in recipientPath.Elements)
        {
            path = path.Child(element);
        }

        Path = path;
    }

    /// <summary>The node's internal address, e.g. <c>http://10.0.0.7:9101</c>.</summary>
    public string NodeAddress { get; }

    /// <summary>The actor's path on its node, e.g. <c>/system/sharding/connection</c>.</summary>
    public ActorPath RecipientPath { get; }

    public ActorPath Path { get; }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _transport.Enqueue(this, message, sender);
    }

    public bool Equals(RemoteActorRef? other) =>
        other is not null && string.Equals(NodeAddress, other.NodeAddress, StringComparison.Ordinal) && RecipientPath.Equals(other.RecipientPath);

    public override bool Equals(object? obj) => Equals(obj as RemoteActorRef);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(NodeAddress), RecipientPath);

    public override string ToString() => Path.ToString();
}
