using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Mapping;

/// <summary>
/// The <c>Normalized</c> engine (spec §7.1), outbound only: a thing event that creates, modifies or merges part of a
/// thing becomes the sparse thing JSON it describes — <c>thingId</c>, the value at its path, <c>_modified</c>,
/// <c>_revision</c>, enriched <c>extra</c> fields and <c>_context</c> (<c>topic</c>, <c>path</c>, <c>value</c>,
/// <c>headers</c>) — as <c>application/json</c>. A deleted thing is included with <c>_deleted</c> (its timestamp);
/// with the option <c>includeDeletedFields</c> other deletions are too, and deleted paths (also <c>null</c>s of a merge)
/// are listed in <c>_deletedFields</c> with their timestamp. The option <c>fields</c> (a field selector) projects the
/// result; a merge's result has no <c>null</c>s or empty objects. Other signals and all inbound messages are dropped.
/// </summary>
public sealed class NormalizedMessageMapper : IMessageMapper
{
    /// <summary>The engine alias.</summary>
    public const string Alias = "Normalized";

    private const string Created = "created";
    private const string Modified = "modified";
    private const string Merged = "merged";
    private const string Deleted = "deleted";

    private readonly FieldSelector? fields;
    private readonly bool includeDeletedFields;

    private NormalizedMessageMapper(string id, FieldSelector? fields, bool includeDeletedFields)
    {
        Id = id;
        this.fields = fields;
        this.includeDeletedFields = includeDeletedFields;
    }

    public string Id { get; }

    public bool MapsIncoming => false;

    public bool MapsOutgoing => true;

    internal static NormalizedMessageMapper Create(string id, MapperOptions options) =>
        new(id, options.String("fields") is { } selector ? FieldSelector.Parse(selector) : null, options.Bool("includeDeletedFields", false));

    public IReadOnlyList<DittoProtocolMessage> MapIncoming(ExternalMessage message) => [];

    public IReadOnlyList<OutboundExternalMessage> MapOutgoing(DittoProtocolMessage message)
    {
        if (!IsThingChange(message))
        {
            return [];
        }

        var normalized = Normalize(message);
        var selected = fields is null ? normalized : NormalizedJson.Select(normalized, fields.Fields);
        var payload = message.Topic.Action == Merged ? NormalizedJson.WithoutNullsAndEmptyObjects(selected) : selected;
        return
        [
            new OutboundExternalMessage
            {
                Headers = new Dictionary<string, string> { ["content-type"] = "application/json" },
                TextPayload = payload.ToJsonString(),
                ContentType = "application/json",
            },
        ];
    }

    private bool IsThingChange(DittoProtocolMessage message) =>
        message.Topic is { Group: DittoTopic.ThingsGroup, Criterion: DittoTopic.EventsCriterion, Action: var action }
        && (action is Created or Modified or Merged || (action == Deleted && (includeDeletedFields || IsRoot(message.Path))));

    private JsonObject Normalize(DittoProtocolMessage message)
    {
        var json = new JsonObject { ["thingId"] = $"{message.Topic.Namespace}:{message.Topic.EntityName}" };
        var path = NormalizedJson.Segments(message.Path);
        switch (message.Value)
        {
            case null:
                break;
            case JsonObject thing when path.Length == 0:
                foreach (var (key, value) in thing)
                {
                    json[key] = value?.DeepClone();
                }

                break;
            case { } value when path.Length == 0:
                throw new MessageMappingException($"The event '{message.Topic}' has the path '/' and a value that is not an object: {value.ToJsonString()}");
            case { } value:
                NormalizedJson.SetAt(json, path, value.DeepClone());
                break;
        }

        if (message.Timestamp is { } modified)
        {
            json["_modified"] = modified;
        }

        if (message.Revision is { } revision)
        {
            json["_revision"] = revision;
        }

        if (message.Topic.Action == Deleted && path.Length == 0 && message.Timestamp is { } deleted)
        {
            json["_deleted"] = deleted;
        }

        if (includeDeletedFields && DeletedFields(message, path) is { Count: > 0 } deletedFields)
        {
            json["_deletedFields"] = deletedFields;
        }

        json["_context"] = Context(message);
        return message.Extra is { } extra ? NormalizedJson.Merge(json, extra) : json;
    }

    /// <summary>Each deleted path (as nested fields) with the event's timestamp; none without a timestamp.</summary>
    private static JsonObject DeletedFields(DittoProtocolMessage message, string[] path)
    {
        var deleted = new JsonObject();
        if (message.Timestamp is not { } timestamp)
        {
            return deleted;
        }

        switch (message.Topic.Action)
        {
            case Deleted when path.Length > 0:
            case Merged when path.Length > 0 && message.Value is null:
                NormalizedJson.SetAt(deleted, path, timestamp);
                break;
            case Merged when message.Value is JsonObject patch:
                AddMergeDeletions(deleted, patch, path, timestamp);
                break;
        }

        return deleted;
    }

    private static void AddMergeDeletions(JsonObject deleted, JsonObject patch, string[] path, string timestamp)
    {
        foreach (var (key, value) in patch)
        {
            if (IsRegexDeletionKey(key))
            {
                continue;
            }

            string[] child = [.. path, key];
            switch (value)
            {
                case null:
                    NormalizedJson.SetAt(deleted, child, timestamp);
                    break;
                case JsonObject nested:
                    AddMergeDeletions(deleted, nested, child, timestamp);
                    break;
            }
        }
    }

    /// <summary>Merge patches may delete by pattern with keys such as <c>{{ /^sensor.*$/ }}</c>; those name no field.</summary>
    private static bool IsRegexDeletionKey(string key) =>
        key.StartsWith("{{", StringComparison.Ordinal) && key.EndsWith("}}", StringComparison.Ordinal) && (key.Contains('~') || key.Contains('/'));

    private static JsonObject Context(DittoProtocolMessage message)
    {
        var context = new JsonObject
        {
            ["topic"] = message.Topic.ToString(),
            ["path"] = message.Path,
            ["value"] = message.Value?.DeepClone(),
        };
        if (message.Fields is { } selected)
        {
            context["fields"] = selected;
        }

        context["headers"] = message.Headers.ToJson();
        return context;
    }

    private static bool IsRoot(string path) => NormalizedJson.Segments(path).Length == 0;
}
