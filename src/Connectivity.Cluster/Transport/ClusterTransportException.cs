namespace Connectivity.Cluster.Transport;

/// <summary>A remote tell or ask was refused by the other node; <see cref="ErrorCode"/> says why.</summary>
public class ClusterTransportException : Exception
{
    /// <summary>No live actor at the recipient path on the remote node (HTTP 404).</summary>
    public const string RecipientNotFound = "cluster:recipient.notFound";

    /// <summary>The remote node could not read the request, e.g. an unknown type id (HTTP 400).</summary>
    public const string BadRequest = "cluster:request.invalid";

    /// <summary>The shared secret was missing or wrong (HTTP 401).</summary>
    public const string Unauthorized = "cluster:unauthorized";

    /// <summary>The remote actor replied with a message that has no registered serializer (HTTP 500).</summary>
    public const string ReplyUnserializable = "cluster:reply.unserializable";

    /// <summary>The remote ask got no reply in time (HTTP 504); surfaced to callers as an AskTimeoutException.</summary>
    public const string AskTimedOut = "cluster:ask.timeout";

    /// <summary>The node could not be reached or did not answer.</summary>
    public const string Unreachable = "cluster:node.unreachable";

    public ClusterTransportException(string errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    public string ErrorCode { get; }
}
