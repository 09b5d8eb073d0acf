using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connectivity.TestKit.Logging;

/// <summary>Keeps every formatted log line (with its exception), e.g. to check that no secret is logged or that a warning came.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(Lines);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
    }
}
