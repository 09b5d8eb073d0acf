using Microsoft.Extensions.Logging;

namespace Connectivity.Service.Clients;

/// <summary>Service log lines of <see cref="ClientActor"/>; URIs are always masked, causes are masked descriptions.</summary>
internal static partial class ClientActorLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} client {ClientId}: connecting to {Uri}, attempt {Attempt}, timeout {Timeout}")]
    public static partial void Connecting(ILogger logger, string connectionId, string clientId, string uri, int attempt, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} client {ClientId}: connected to {Uri}")]
    public static partial void Connected(ILogger logger, string connectionId, string clientId, string uri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} client {ClientId}: {What} due to: {Description}; reconnect after {Delay}")]
    public static partial void ReconnectScheduled(ILogger logger, string connectionId, string clientId, string what, string description, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} client {ClientId}: {What} due to: {Description}; gave up after {Tries} connect attempts")]
    public static partial void BackOffLimitReached(ILogger logger, string connectionId, string clientId, string what, string description, int tries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} client {ClientId}: disconnected from {Uri}")]
    public static partial void Disconnected(ILogger logger, string connectionId, string clientId, string uri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} client {ClientId}: disconnecting from {Uri} failed: {Error}")]
    public static partial void DisconnectFailed(ILogger logger, string connectionId, string clientId, string uri, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} client {ClientId}: test of {Uri} failed: {Description}")]
    public static partial void TestFailed(ILogger logger, string connectionId, string clientId, string uri, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} client {ClientId}: disposing the client failed: {Error}")]
    public static partial void DisposeFailed(ILogger logger, string connectionId, string clientId, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} client {ClientId}: ignored {Result} of superseded operation {Operation} (current {Current})")]
    public static partial void StaleResultIgnored(ILogger logger, string connectionId, string clientId, string result, long operation, long current);
}
