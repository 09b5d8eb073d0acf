using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectivity.Model.Headers;

namespace Connectivity.Model.Protocol;

/// <summary>
/// A Ditto Protocol envelope (spec §7.4): <c>topic</c>, <c>headers</c> and <c>path</c> are required; <c>value</c>,
/// <c>extra</c>, <c>status</c> (responses), <c>fields</c>, <c>revision</c> and <c>timestamp</c> are optional.
/// A JSON <c>null</c> for an optional field reads as absent. JSON nodes are copied in and out, so a message
/// never shares nodes with the documents it was read from or written to.
/// </summary>
public sealed record DittoProtocolMessage
{
    /// <summary>Content type of Ditto Protocol JSON payloads.</summary>
    public const string ContentType = "application/vnd.eclipse.ditto+json";

    public required DittoTopic Topic { get; init; }

    public string Path { get; init; } = "/";

    public DittoHeaders Headers { get; init; } = DittoHeaders.Empty;

    public JsonNode? Value { get; init; }

    public JsonObject? Extra { get; init; }

    public int? Status { get; init; }

    public string? Fields { get; init; }

    public long? Revision { get; init; }

    public string? Timestamp { get; init; }

    /// <summary>The kind of signal, from the topic's channel and criterion and whether a status is present.</summary>
    public SignalKind Kind => Classify(Topic, Status is not null);

    /// <summary>Parses Ditto Protocol JSON text; throws <see cref="DittoProtocolException"/> when it is not.</summary>
    public static DittoProtocolMessage Parse(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new DittoProtocolException($"Not a Ditto Protocol message: invalid JSON ({e.Message})", e);
        }

        return node is JsonObject obj ? FromJson(obj) : throw new DittoProtocolException("Not a Ditto Protocol message: the JSON is not an object");
    }

    /// <summary>Reads an envelope; throws <see cref="DittoProtocolException"/> naming the missing or invalid field.</summary>
    public static DittoProtocolMessage FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var topicText = RequiredString(json, "topic");
        var headers = json["headers"] switch
        {
            JsonObject h => DittoHeaders.FromJson(h),
            null => throw new DittoProtocolException("Invalid Ditto Protocol message: the field 'headers' is missing"),
            _ => throw new DittoProtocolException("Invalid Ditto Protocol message: the field 'headers' is not an object"),
        };
        var path = RequiredString(json, "path");
        DittoTopic topic;
        try
        {
            topic = DittoTopic.Parse(topicText);
        }
        catch (DittoProtocolException e)
        {
            throw new DittoProtocolException($"Invalid Ditto Protocol message: the field 'topic' is invalid. {e.Message}", e);
        }

        return new DittoProtocolMessage
        {
            Topic = topic,
            Headers = headers,
            Path = path.StartsWith('/') ? path : "/" + path,
            Value = json["value"]?.DeepClone(),
            Extra = json["extra"] switch
            {
                null => null,
                JsonObject extra => (JsonObject)extra.DeepClone(),
                _ => throw new DittoProtocolException("Invalid Ditto Protocol message: the field 'extra' is not an object"),
            },
            Status = (int?)OptionalNumber(json, "status", 100, 599),
            Fields = OptionalString(json, "fields"),
            Revision = OptionalNumber(json, "revision", 0, long.MaxValue),
            Timestamp = OptionalString(json, "timestamp"),
        };
    }

    /// <summary>The envelope JSON, fields in Ditto's order; optional fields only when present.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["topic"] = Topic.ToString(),
            ["headers"] = Headers.ToJson(),
            ["path"] = Path,
        };
        if (Value is not null)
        {
            json["value"] = Value.DeepClone();
        }

        if (Fields is not null)
        {
            json["fields"] = Fields;
        }

        if (Extra is not null)
        {
            json["extra"] = Extra.DeepClone();
        }

        if (Status is { } status)
        {
            json["status"] = status;
        }

        if (Revision is { } revision)
        {
            json["revision"] = revision;
        }

        if (Timestamp is not null)
        {
            json["timestamp"] = Timestamp;
        }

        return json;
    }

    private static SignalKind Classify(DittoTopic topic, bool hasStatus) => (topic.Group, topic.Channel, topic.Criterion) switch
    {
        (_, _, DittoTopic.ErrorsCriterion) => SignalKind.Error,
        (DittoTopic.ConnectionsGroup, _, DittoTopic.AnnouncementsCriterion) => SignalKind.ConnectionAnnouncement,
        (DittoTopic.PoliciesGroup, _, DittoTopic.AnnouncementsCriterion) => SignalKind.PolicyAnnouncement,
        (DittoTopic.ThingsGroup, DittoTopic.TwinChannel, DittoTopic.CommandsCriterion) => hasStatus ? SignalKind.TwinResponse : SignalKind.TwinCommand,
        (DittoTopic.ThingsGroup, DittoTopic.TwinChannel, DittoTopic.EventsCriterion) => SignalKind.TwinEvent,
        (DittoTopic.ThingsGroup, DittoTopic.LiveChannel, DittoTopic.CommandsCriterion) => hasStatus ? SignalKind.LiveResponse : SignalKind.LiveCommand,
        (DittoTopic.ThingsGroup, DittoTopic.LiveChannel, DittoTopic.EventsCriterion) => SignalKind.LiveEvent,
        (DittoTopic.ThingsGroup, DittoTopic.LiveChannel, DittoTopic.MessagesCriterion) => hasStatus ? SignalKind.LiveResponse : SignalKind.LiveMessage,
        _ => SignalKind.Other,
    };

    private static string RequiredString(JsonObject json, string field) => json[field] switch
    {
        null => throw new DittoProtocolException($"Invalid Ditto Protocol message: the field '{field}' is missing"),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new DittoProtocolException($"Invalid Ditto Protocol message: the field '{field}' is not a string"),
    };

    private static string? OptionalString(JsonObject json, string field) => json[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new DittoProtocolException($"Invalid Ditto Protocol message: the field '{field}' is not a string"),
    };

    private static long? OptionalNumber(JsonObject json, string field, long min, long max) => json[field] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            && n >= min && n <= max => n,
        _ => throw new DittoProtocolException($"Invalid Ditto Protocol message: the field '{field}' is not an integer number in range"),
    };
}
