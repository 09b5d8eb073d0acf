namespace Connectivity.Service.Clients;

/// <summary>The messages a client actor sends itself: outcomes of off-actor work and timer ticks.</summary>
public sealed partial class ClientActor
{
    private enum TimerKey
    {
        ConnectTimeout,
        Reconnect,
        AnnouncementWait,
        DisconnectTimeout,
        TestTimeout,
    }

    /// <summary>A message about the operation numbered <see cref="Operation"/>; ignored once another operation started.</summary>
    private interface IOperationResult
    {
        long Operation { get; }
    }

    private sealed record ConnectSucceeded(long Operation) : IOperationResult;

    private sealed record ConnectFailed(long Operation, Exception Cause) : IOperationResult;

    private sealed record ConnectTimedOut(long Operation, TimeSpan Timeout) : IOperationResult;

    private sealed record Reconnect(long Operation) : IOperationResult;

    private sealed record ConnectionLost(long Operation, Exception Cause) : IOperationResult;

    private sealed record AnnouncementWaitOver(long Operation) : IOperationResult;

    private sealed record Disconnected(long Operation, string? Error) : IOperationResult;

    private sealed record DisconnectTimedOut(long Operation) : IOperationResult;

    private sealed record TestSucceeded(long Operation) : IOperationResult;

    private sealed record TestFailed(long Operation, Exception Cause) : IOperationResult;

    private sealed record TestTimedOut(long Operation) : IOperationResult;
}
