namespace Connectivity.Server.Hosting;

/// <summary>
/// Logs faulted tasks that nobody observed (<see cref="TaskScheduler.UnobservedTaskException"/>): each one is a bug
/// and costs a finalizer run, so they must show. The first ten are logged with their exception, then every
/// thousandth with the count so far, so that one per message does not flood the log.
/// </summary>
public sealed partial class UnobservedTaskExceptionLog : IDisposable
{
    private readonly ILogger logger;
    private long count;

    public UnobservedTaskExceptionLog(ILogger logger)
    {
        this.logger = logger;
        TaskScheduler.UnobservedTaskException += OnUnobserved;
    }

    /// <summary>How many were reported so far.</summary>
    public long Count => Interlocked.Read(ref count);

    public void Dispose() => TaskScheduler.UnobservedTaskException -= OnUnobserved;

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        var seen = Interlocked.Increment(ref count);
        if (seen <= 10 || seen % 1000 == 0)
        {
            LogUnobserved(logger, seen, e.Exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A faulted task was never observed ({Count} so far)")]
    private static partial void LogUnobserved(ILogger logger, long count, Exception exception);
}
