using Connectivity.Model.Monitoring;
using Microsoft.Extensions.Logging;
using ModelLogLevel = Connectivity.Model.Monitoring.LogLevel;

namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>
/// Publishes connection log entries to Fluentd / Fluent Bit (spec §5.3): one node-wide <see cref="FluentForwardClient"/>;
/// entries of the configured levels go out under <see cref="ConnectionLogPublisherOptions.TagFor"/> with the record
/// keys <c>connectionId</c>, <c>level</c>, <c>category</c>, <c>type</c>, <c>correlationId</c>, <c>address</c>,
/// <c>entityType</c>, <c>entityId</c>, <c>message</c>, <c>instanceId</c> (as Ditto: correlation id, address, entity
/// and instance only when known) plus the additional log context. Disabled ⇒ no client and <see cref="Publish"/>
/// does nothing.
/// </summary>
public sealed class ConnectionLogPublisher : IConnectionLogPublisher, IAsyncDisposable
{
    private readonly ConnectionLogPublisherOptions options;
    private readonly IReadOnlySet<ModelLogLevel> levels;
    private readonly string? instanceId;
    private readonly KeyValuePair<string, object?>[] additionalContext;

    /// <param name="instanceId">This node's instance id for the <c>instanceId</c> key; null leaves the key out.</param>
    public ConnectionLogPublisher(ConnectionLogPublisherOptions options, string? instanceId, TimeProvider time, ILoggerFactory loggerFactory)
    {
        this.options = options;
        this.instanceId = instanceId;
        levels = options.ParseLogLevels();
        additionalContext = options.AdditionalLogContext
            .Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value))
            .ToArray();
        if (options.Enabled)
        {
            Client = new FluentForwardClient(options.Fluency, time, loggerFactory.CreateLogger<FluentForwardClient>());
        }
    }

    /// <summary>Whether entries are published (<see cref="ConnectionLogPublisherOptions.Enabled"/>).</summary>
    public bool IsEnabled => Client is not null;

    /// <summary>The sender; null while disabled.</summary>
    public FluentForwardClient? Client { get; }

    public void Publish(string connectionId, LogEntry entry)
    {
        if (Client is null || !levels.Contains(entry.Level))
        {
            return;
        }

        Client.Emit(options.TagFor(connectionId), entry.Timestamp, RecordOf(connectionId, entry));
    }

    public ValueTask DisposeAsync() => Client?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>The published record of <paramref name="entry"/>, keys in Ditto's order; the additional context last (it may override).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> RecordOf(string connectionId, LogEntry entry)
    {
        var record = new Dictionary<string, object?>(10 + additionalContext.Length, StringComparer.Ordinal)
        {
            ["connectionId"] = connectionId,
            ["level"] = WireNames.Of(entry.Level),
            ["category"] = WireNames.Of(entry.Category),
            ["type"] = WireNames.Of(entry.Type),
        };
        if (entry.CorrelationId != LogEntry.NotProvidedCorrelationId)
        {
            record["correlationId"] = entry.CorrelationId;
        }

        AddIfPresent(record, "address", entry.Address);
        AddIfPresent(record, "entityType", entry.EntityType);
        AddIfPresent(record, "entityId", entry.EntityId);
        record["message"] = entry.Message;
        AddIfPresent(record, "instanceId", instanceId);
        foreach (var (key, value) in additionalContext)
        {
            record[key] = value;
        }

        return [.. record];
    }

    private static void AddIfPresent(Dictionary<string, object?> record, string key, string? value)
    {
        if (value is not null)
        {
            record[key] = value;
        }
    }
}
