using System.Text.Json.Nodes;
using Connectivity.Model.Protocol;

namespace Connectivity.Model.Placeholders;

/// <summary>
/// The placeholders of a connection (spec §7.3) for one message: <c>thing:</c>, <c>entity:</c>, <c>policy:</c>,
/// <c>feature:id</c>, <c>thing-json:</c> and <c>topic:</c>/<c>resource:</c> from the Ditto Protocol message (if any),
/// <c>header:</c> from the headers (external headers inbound, Ditto headers outbound; case-insensitive),
/// <c>connection:id</c>, <c>request:subjectId</c>, <c>time:now…</c> and <c>source:address</c>.
/// </summary>
public sealed class SignalPlaceholders : IPlaceholderSource
{
    private static readonly HashSet<string> EntityNames = new(StringComparer.Ordinal) { "id", "namespace", "name" };

    private static readonly HashSet<string> TopicNames = new(StringComparer.Ordinal)
    {
        "full", "namespace", "entityName", "group", "channel", "criterion", "action", "subject", "action-subject",
    };

    private readonly DittoProtocolMessage? message;
    private readonly IReadOnlyDictionary<string, string> headers;
    private readonly string connectionId;
    private readonly string? sourceAddress;
    private readonly TimeProvider time;
    private readonly string? requestSubjectId;
    private readonly Lazy<JsonObject?> thingJson;

    /// <param name="message">The Ditto Protocol message, if there is one yet (none before inbound mapping).</param>
    /// <param name="headers">Headers for <c>header:</c>; null means the message's Ditto headers.</param>
    /// <param name="connectionId">The connection's id for <c>connection:id</c>.</param>
    /// <param name="sourceAddress">The address a message was consumed from, for <c>source:address</c>.</param>
    /// <param name="time">Clock for <c>time:now</c>.</param>
    /// <param name="requestSubjectId">The first authorization subject for <c>request:subjectId</c>; defaults to the <c>ditto-originator</c> header.</param>
    public SignalPlaceholders(
        DittoProtocolMessage? message,
        IReadOnlyDictionary<string, string>? headers,
        string connectionId,
        string? sourceAddress,
        TimeProvider time,
        string? requestSubjectId = null)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(time);
        this.message = message;
        this.headers = headers ?? (IReadOnlyDictionary<string, string>?)message?.Headers ?? new Dictionary<string, string>();
        this.connectionId = connectionId;
        this.sourceAddress = sourceAddress;
        this.time = time;
        this.requestSubjectId = requestSubjectId;
        thingJson = new Lazy<JsonObject?>(() => message is null ? null : SignalThingJson.From(message));
    }

    /// <summary>Placeholders of a consumed external message, before mapping: headers and source address only.</summary>
    public static SignalPlaceholders ForExternalMessage(IReadOnlyDictionary<string, string> headers, string connectionId, string? sourceAddress, TimeProvider time) =>
        new(null, headers, connectionId, sourceAddress, time);

    /// <summary>Placeholders of a Ditto Protocol message with its own Ditto headers (outbound: targets, reply targets).</summary>
    public static SignalPlaceholders ForSignal(DittoProtocolMessage message, string connectionId, TimeProvider time) =>
        new(message, null, connectionId, null, time);

    /// <summary>Whether <c>prefix:name</c> is a placeholder of connections at all (whether or not it has a value here).</summary>
    public static bool Supports(string prefix, string name) => prefix switch
    {
        "thing" or "entity" or "policy" => EntityNames.Contains(name),
        "feature" => name == "id",
        "thing-json" => name.Length > 0 && !EntityNames.Contains(name),
        "connection" => name == "id",
        "header" => name.Length > 0,
        "topic" => TopicNames.Contains(name),
        "resource" => name is "type" or "path",
        "request" => name == "subjectId",
        "time" => TimePlaceholder.Supports(name),
        "source" => name == "address",
        _ => false,
    };

    public bool TryResolve(string prefix, string name, out string? value)
    {
        if (!TryResolveAll(prefix, name, out var values))
        {
            value = null;
            return false;
        }

        value = values.Count > 0 ? values[0] : null;
        return true;
    }

    public bool TryResolveAll(string prefix, string name, out IReadOnlyList<string> values)
    {
        values = [];
        if (!Supports(prefix, name))
        {
            return false;
        }

        if (prefix == "thing-json")
        {
            values = JsonPointers.TryGet(thingJson.Value, name, out var node) && node is not null ? JsonPointers.ToValues(node) : [];
            return true;
        }

        var value = prefix switch
        {
            "thing" => Entity(DittoTopic.ThingsGroup, name),
            "policy" => Entity(DittoTopic.PoliciesGroup, name),
            "entity" => Entity(DittoTopic.ThingsGroup, name) ?? Entity(DittoTopic.PoliciesGroup, name),
            "feature" => FeatureId(),
            "connection" => connectionId,
            "header" => Header(name),
            "topic" => message is null ? null : Topic(message.Topic, name),
            "resource" => message is null ? null : Resource(message, name),
            "request" => requestSubjectId ?? Header("ditto-originator"),
            "time" => TimePlaceholder.Resolve(name, time.GetUtcNow()),
            "source" => sourceAddress,
            _ => null,
        };
        values = value is null ? [] : [value];
        return true;
    }

    private string? Entity(string group, string name)
    {
        if (message?.Topic is not { } topic || topic.Group != group)
        {
            return null;
        }

        return name switch
        {
            "id" => topic.Namespace + ":" + topic.EntityName,
            "namespace" => topic.Namespace,
            _ => topic.EntityName,
        };
    }

    /// <summary>The feature a things signal is about, from its path <c>/features/{id}/...</c>.</summary>
    private string? FeatureId()
    {
        if (message is not { Topic.Group: DittoTopic.ThingsGroup })
        {
            return null;
        }

        var segments = message.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0] == "features" ? segments[1] : null;
    }

    private string? Header(string name)
    {
        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, candidate) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? Topic(DittoTopic topic, string name) => name switch
    {
        "full" => topic.ToString(),
        "namespace" => topic.Namespace,
        "entityName" => topic.EntityName,
        "group" => topic.Group,
        "channel" => topic.Channel ?? "none",
        "criterion" => topic.Criterion,
        "action" => topic.IsMessage ? null : topic.Action,
        "subject" => topic.Subject,
        _ => topic.Action,
    };

    private static string? Resource(DittoProtocolMessage message, string name) => name switch
    {
        "path" => message.Path,
        _ => message.Topic switch
        {
            { Group: DittoTopic.ThingsGroup, IsMessage: true } => "message",
            { Group: DittoTopic.ThingsGroup } => "thing",
            { Group: DittoTopic.PoliciesGroup } => "policy",
            _ => "connection",
        },
    };
}
