namespace Connectivity.Cluster.Transport;

/// <summary>
/// A failure that happened on another node and has no registered exception translator: it keeps the remote exception's
/// type name and message.
/// </summary>
public sealed class RemoteFailureException : Exception
{
    public RemoteFailureException(string remoteType, string message)
        : base(message)
    {
        RemoteType = remoteType;
    }

    /// <summary>The full type name of the exception on the remote node, e.g. <c>System.InvalidOperationException</c>.</summary>
    public string RemoteType { get; }
}
