using Microsoft.Extensions.Logging;

namespace Connectivity.Cluster.Transport;

/// <summary>Log lines of the node-to-node transport.</summary>
internal static partial class ClusterTransportLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster transport: rejected a request from {RemoteIp} with a missing or wrong secret")]
    public static partial void Unauthorized(ILogger logger, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster transport: unreadable request for {Recipient} ({TypeId}): {Reason}")]
    public static partial void BadRequest(ILogger logger, string? recipient, string? typeId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cluster transport: no actor at {Recipient}")]
    public static partial void RecipientNotFound(ILogger logger, string recipient);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cluster transport: ask of {Recipient} timed out after {TimeoutMs} ms")]
    public static partial void AskTimedOut(ILogger logger, string recipient, long timeoutMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster transport: the reply of {Recipient} ({ReplyType}) has no serializer")]
    public static partial void ReplyUnserializable(ILogger logger, string recipient, string replyType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster transport: {MessageType} to {Recipient} on {NodeAddress} was not delivered")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string messageType, string recipient, string nodeAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster transport: dropped a request to {Path} that arrived after its sender's deadline")]
    public static partial void Expired(ILogger logger, string path);
}
