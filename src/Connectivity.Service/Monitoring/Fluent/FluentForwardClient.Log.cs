using Microsoft.Extensions.Logging;

namespace Connectivity.Service.Monitoring.Fluent;

public sealed partial class FluentForwardClient
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connected to the Fluentd endpoint {Host}:{Port}.")]
    private static partial void LogConnected(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Sending connection log entries to {Host}:{Port} failed (attempt {Attempt}), retrying in {Backoff}: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string host, int port, int attempt, TimeSpan backoff, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "Dropped {Count} connection log entries for {Host}:{Port} after {Retries} retries: {Reason}")]
    private static partial void LogChunkDropped(ILogger logger, int count, string host, int port, int retries, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error,
        Message = "The buffer of {MaxBytes} bytes for {Host}:{Port} is full: dropping the oldest connection log entries until sending succeeds again.")]
    private static partial void LogBufferFull(ILogger logger, long maxBytes, string host, int port);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "A connection log entry with tag {Tag} could not be encoded.")]
    private static partial void LogEmitFailed(ILogger logger, string tag, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "The Fluentd sender ran into an unexpected failure.")]
    private static partial void LogSenderFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Closed with {Count} connection log entries not sent to {Host}:{Port}.")]
    private static partial void LogUnsentOnClose(ILogger logger, int count, string host, int port);
}
