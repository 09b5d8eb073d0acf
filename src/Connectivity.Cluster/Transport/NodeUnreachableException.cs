namespace Connectivity.Cluster.Transport;

/// <summary>
/// The node at <see cref="NodeAddress"/> refused the connection, was not found or did not answer in time; the message
/// may not have been delivered, so the caller can buffer it and retry once the node (or the shard's new owner) is back.
/// </summary>
public sealed class NodeUnreachableException : ClusterTransportException
{
    public NodeUnreachableException(string nodeAddress, string message, Exception? innerException = null)
        : base(Unreachable, message, innerException)
    {
        NodeAddress = nodeAddress;
    }

    public string NodeAddress { get; }
}
