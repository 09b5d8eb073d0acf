using System.Text.Json.Nodes;
using Connectivity.Model.Placeholders;
using Connectivity.Model.Protocol;

namespace Connectivity.Model.Rql;

/// <summary>
/// What a target topic filter (<c>_/_/things/twin/events?filter=...</c>) sees of a Ditto Protocol signal:
/// <list type="bullet">
/// <item><c>topic:full|namespace|entityName|group|channel|criterion|action|subject|action-subject</c>,
/// <c>resource:path|type</c> and <c>header:&lt;name&gt;</c> (case-insensitive) as strings, resolved exactly like the
/// placeholders of the same names (<see cref="SignalPlaceholders"/>); one without a value (<c>topic:subject</c> of an
/// event, an absent header) is a missing field;</item>
/// <item><c>value</c> (the signal's <c>value</c>) and <c>value/&lt;pointer&gt;</c> inside it, for every signal;</item>
/// <item>any other field is a JSON pointer into the (partial) thing of a things signal, as Ditto builds it for
/// events: the signal's value placed at its path (path <c>/attributes/a</c> with value 5 gives <c>attributes/a</c> = 5,
/// path <c>/</c> with a thing as value gives the whole thing, <c>/features/f/properties/p</c> gives
/// <c>features/f/properties/p</c>), for events and commands of both channels; plus <c>thingId</c> from the topic,
/// the enriched <c>extra</c> fields underneath (the signal's own data wins) and, for events, <c>_revision</c> and
/// <c>_modified</c> from <c>revision</c> and <c>timestamp</c>. Live messages contribute only <c>thingId</c> and
/// <c>extra</c> here (their payload is under <c>value</c>); policy and connection signals have no thing.</item>
/// </list>
/// Fields and pointers accept an optional leading slash (<c>/value/temp</c>), <c>~1</c>/<c>~0</c> escapes and array indices.
/// </summary>
public sealed class SignalFilterView : IRqlFieldSource
{
    private const string ValueField = "value";

    private readonly DittoProtocolMessage message;
    private readonly Lazy<SignalPlaceholders> placeholders;
    private readonly Lazy<JsonObject?> thing;

    public SignalFilterView(DittoProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        this.message = message;

        // Only topic:, resource: and header: are asked for, none of which reads the connection id or the clock.
        placeholders = new Lazy<SignalPlaceholders>(() => SignalPlaceholders.ForSignal(message, string.Empty, TimeProvider.System));
        thing = new Lazy<JsonObject?>(BuildThing);
    }

    public bool TryGet(string field, out JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        value = null;
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? null : field[..colon];
        if (prefix is "topic" or "resource" or "header")
        {
            if (!placeholders.Value.TryResolve(prefix, field[(colon + 1)..], out var text) || text is null)
            {
                return false;
            }

            value = JsonValue.Create(text);
            return true;
        }

        var path = field.StartsWith('/') ? field[1..] : field;
        if (path == ValueField || path.StartsWith(ValueField + "/", StringComparison.Ordinal))
        {
            return JsonPointers.TryGet(message.Value, path[ValueField.Length..], out value);
        }

        return thing.Value is { } partialThing && JsonPointers.TryGet(partialThing, field, out value);
    }

    private JsonObject? BuildThing()
    {
        var json = SignalThingJson.From(message);
        if (json is not null && message.Topic.Criterion == DittoTopic.EventsCriterion)
        {
            if (message.Revision is { } revision && !json.ContainsKey("_revision"))
            {
                json["_revision"] = revision;
            }

            if (message.Timestamp is { } timestamp && !json.ContainsKey("_modified"))
            {
                json["_modified"] = timestamp;
            }
        }

        return json;
    }
}
