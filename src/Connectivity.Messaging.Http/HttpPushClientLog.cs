using Microsoft.Extensions.Logging;

namespace Connectivity.Messaging.Http;

/// <summary>Service log lines of <see cref="HttpPushClient"/>; URIs are always masked.</summary>
internal static partial class HttpPushClientLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId}: {Method} {Uri} answered {StatusCode}")]
    public static partial void Answered(ILogger logger, string connectionId, string method, string uri, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId}: {Uri} is reachable (HTTP {StatusCode})")]
    public static partial void Reachable(ILogger logger, string connectionId, string uri, int statusCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId}: the request {Request} {Reason}")]
    public static partial void RequestFailed(ILogger logger, string connectionId, string request, string reason);
}
