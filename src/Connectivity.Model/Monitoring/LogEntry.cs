using System.Text.Json.Nodes;

namespace Connectivity.Model.Monitoring;

/// <summary>
/// One connection log entry (spec §5.2). The constructor rejects category/type combinations Ditto does not allow.
/// </summary>
public sealed record LogEntry
{
    /// <summary>The correlation id of entries whose message carried none.</summary>
    public const string NotProvidedCorrelationId = "<not-provided>";

    public LogEntry(
        string? correlationId,
        DateTimeOffset timestamp,
        LogCategory category,
        LogType type,
        LogLevel level,
        string message,
        string? address = null,
        string? entityType = null,
        string? entityId = null)
    {
        if (!IsValidCombination(category, type))
        {
            throw new ArgumentException(
                $"The log type <{WireName.Of(type)}> is not allowed for the category <{WireName.Of(category)}>.", nameof(type));
        }

        CorrelationId = string.IsNullOrEmpty(correlationId) ? NotProvidedCorrelationId : correlationId;
        Timestamp = timestamp;
        Category = category;
        Type = type;
        Level = level;
        Message = message;
        Address = address;
        EntityType = entityType;
        EntityId = entityId;
    }

    public string CorrelationId { get; }

    public DateTimeOffset Timestamp { get; }

    public LogCategory Category { get; }

    public LogType Type { get; }

    public LogLevel Level { get; }

    public string Message { get; }

    public string? Address { get; }

    public string? EntityType { get; }

    public string? EntityId { get; }

    /// <summary>
    /// consumed/enforced/throttled: source; dispatched/filtered/published: target, response;
    /// mapped/dropped/acknowledged: source, target, response; other: every category including connection.
    /// </summary>
    public static bool IsValidCombination(LogCategory category, LogType type) => type switch
    {
        LogType.Consumed or LogType.Enforced or LogType.Throttled => category == LogCategory.Source,
        LogType.Dispatched or LogType.Filtered or LogType.Published => category is LogCategory.Target or LogCategory.Response,
        LogType.Mapped or LogType.Dropped or LogType.Acknowledged => category != LogCategory.Connection,
        _ => true,
    };

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["correlationId"] = CorrelationId,
            ["timestamp"] = JavaInstant.Format(Timestamp),
            ["category"] = WireName.Of(Category),
            ["type"] = WireName.Of(Type),
            ["level"] = WireName.Of(Level),
            ["message"] = Message,
        };
        AddIfPresent(json, "address", Address);
        AddIfPresent(json, "entityType", EntityType);
        AddIfPresent(json, "entityId", EntityId);
        return json;
    }

    public static LogEntry FromJson(JsonObject json)
    {
        var category = MonitoringJson.RequiredEnum<LogCategory>(json, "category");
        var type = MonitoringJson.RequiredEnum<LogType>(json, "type");
        if (!IsValidCombination(category, type))
        {
            throw MonitoringJson.Invalid(
                $"The log type <{WireName.Of(type)}> is not allowed for the category <{WireName.Of(category)}>.");
        }

        return new LogEntry(
            MonitoringJson.OptionalString(json, "correlationId"),
            MonitoringJson.OptionalInstant(json, "timestamp") ?? throw MonitoringJson.Invalid("The JSON field <timestamp> is missing."),
            category,
            type,
            MonitoringJson.RequiredEnum<LogLevel>(json, "level"),
            MonitoringJson.RequiredString(json, "message"),
            MonitoringJson.OptionalString(json, "address"),
            MonitoringJson.OptionalString(json, "entityType"),
            MonitoringJson.OptionalString(json, "entityId"));
    }

    private static void AddIfPresent(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }
}
