using System.Collections.Concurrent;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Connectivity.Service.Monitoring.Fluent;

namespace Connectivity.Service.Monitoring;

/// <summary>
/// The connection log of one connection on this client instance (spec §5.2): per (category, type, address) the last
/// <see cref="ConnectionLoggerOptions.SuccessCapacity"/> success and <see cref="ConnectionLoggerOptions.FailureCapacity"/>
/// failure entries. Entries are only kept while logging is enabled; enabling lasts
/// <see cref="ConnectionLoggerOptions.LogDuration"/>, every retrieval extends it, and <see cref="DisableIfExpired"/>
/// (called every <see cref="ConnectionLoggerOptions.LoggingActiveCheckInterval"/>) mutes and clears expired logs.
/// With a publisher (spec §5.3), every logged entry is also handed to it, enabled or not, as Ditto publishes through
/// a logger that is never muted. Thread-safe.
/// </summary>
public sealed class ConnectionLogger
{
    private readonly string connectionId;
    private readonly ConnectionLoggerOptions options;
    private readonly TimeProvider timeProvider;
    private readonly IConnectionLogPublisher? publisher;
    private readonly ConcurrentDictionary<(LogCategory Category, LogType Type, string Address), LevelQueues> queues = new();
    private readonly Lock stateGate = new();
    private (DateTimeOffset Since, DateTimeOffset Until)? enabledPeriod;

    /// <param name="publisher">Also receives every logged entry (e.g. for Fluentd); null: entries stay in memory only.</param>
    public ConnectionLogger(string connectionId, ConnectionLoggerOptions options, TimeProvider timeProvider, IConnectionLogPublisher? publisher = null)
    {
        this.connectionId = connectionId;
        this.options = options;
        this.timeProvider = timeProvider;
        this.publisher = publisher;
    }

    public bool IsEnabled
    {
        get
        {
            lock (stateGate)
            {
                return enabledPeriod is not null;
            }
        }
    }

    /// <summary>When logging was enabled; null while disabled.</summary>
    public DateTimeOffset? EnabledSince
    {
        get
        {
            lock (stateGate)
            {
                return enabledPeriod?.Since;
            }
        }
    }

    /// <summary>When logging expires; null while disabled.</summary>
    public DateTimeOffset? EnabledUntil
    {
        get
        {
            lock (stateGate)
            {
                return enabledPeriod?.Until;
            }
        }
    }

    /// <summary>
    /// Enables logging until now + <paramref name="duration"/> (default <see cref="ConnectionLoggerOptions.LogDuration"/>).
    /// If already enabled, <see cref="EnabledSince"/> is kept and only <see cref="EnabledUntil"/> moves.
    /// </summary>
    public void Enable(TimeSpan? duration = null)
    {
        var now = timeProvider.GetUtcNow();
        lock (stateGate)
        {
            enabledPeriod = (enabledPeriod?.Since ?? now, now + (duration ?? options.LogDuration));
        }
    }

    /// <summary>Mutes logging and drops all entries.</summary>
    public void Disable()
    {
        lock (stateGate)
        {
            enabledPeriod = null;
        }

        Clear();
    }

    /// <summary>Drops all entries (<c>resetConnectionLogs</c>); logging stays enabled or disabled.</summary>
    public void Clear()
    {
        foreach (var levels in queues.Values)
        {
            levels.Success.Clear();
            levels.Failure.Clear();
        }
    }

    /// <summary>Disables logging if it is enabled and <see cref="EnabledUntil"/> lies before <paramref name="now"/>.</summary>
    /// <returns>True if logging was disabled by this call.</returns>
    public bool DisableIfExpired(DateTimeOffset now)
    {
        lock (stateGate)
        {
            if (enabledPeriod is not { } period || period.Until >= now)
            {
                return false;
            }
        }

        Disable();
        return true;
    }

    /// <summary>
    /// Publishes <paramref name="entry"/> (with a publisher) and keeps it if logging is enabled, evicting the oldest
    /// entry of its queue when full.
    /// </summary>
    public void Log(LogEntry entry)
    {
        publisher?.Publish(connectionId, entry);
        if (!IsEnabled)
        {
            return;
        }

        var levels = queues.GetOrAdd(
            (entry.Category, entry.Type, entry.Address ?? string.Empty),
            static (_, o) => new LevelQueues(new EvictingQueue<LogEntry>(o.SuccessCapacity), new EvictingQueue<LogEntry>(o.FailureCapacity)),
            options);
        (entry.Level == LogLevel.Success ? levels.Success : levels.Failure).Add(entry);
    }

    /// <summary>Logs an entry stamped with the current time.</summary>
    /// <exception cref="ArgumentException">If <paramref name="type"/> is not allowed for <paramref name="category"/>.</exception>
    public void Log(
        LogCategory category,
        LogType type,
        LogLevel level,
        string message,
        string? correlationId = null,
        string? address = null,
        string? entityType = null,
        string? entityId = null) =>
        Log(new LogEntry(correlationId, timeProvider.GetUtcNow(), category, type, level, message, address, entityType, entityId));

    /// <summary>A connection lifecycle success, e.g. a successful connect (category connection, type other).</summary>
    public void LogConnectionSuccess(string message, string? correlationId = null) =>
        Log(LogCategory.Connection, LogType.Other, LogLevel.Success, message, correlationId);

    /// <summary>A connection lifecycle failure, e.g. a failed connect and the scheduled reconnect (spec §4.5).</summary>
    public void LogConnectionFailure(string message, string? correlationId = null) =>
        Log(LogCategory.Connection, LogType.Other, LogLevel.Failure, message, correlationId);

    /// <summary>
    /// This instance's entries, oldest first, and the logging period. Retrieving extends <see cref="EnabledUntil"/> to
    /// now + <see cref="ConnectionLoggerOptions.LogDuration"/>. While disabled: no entries and null timestamps.
    /// </summary>
    public RetrieveConnectionLogsResponse Retrieve(DittoHeaders headers)
    {
        (DateTimeOffset Since, DateTimeOffset Until) period;
        lock (stateGate)
        {
            if (enabledPeriod is not { } current)
            {
                return RetrieveConnectionLogsResponse.Disabled(connectionId, headers);
            }

            var extended = timeProvider.GetUtcNow() + options.LogDuration;
            period = (current.Since, extended > current.Until ? extended : current.Until);
            enabledPeriod = period;
        }

        var entries = queues.Values
            .SelectMany(levels => levels.Success.ToArray().Concat(levels.Failure.ToArray()))
            .OrderBy(entry => entry.Timestamp)
            .ToList();
        return new RetrieveConnectionLogsResponse(connectionId, entries, period.Since, period.Until, headers);
    }

    private sealed record LevelQueues(EvictingQueue<LogEntry> Success, EvictingQueue<LogEntry> Failure);
}
