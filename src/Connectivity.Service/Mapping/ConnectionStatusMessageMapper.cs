using System.Globalization;
using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Placeholders;
using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Mapping;

/// <summary>
/// The <c>ConnectionStatus</c> engine (spec §7.1, Ditto's <c>ConnectionStatusMessageMapper</c>), inbound only: Hono's
/// headers <c>creation-time</c> (ms since the epoch) and <c>ttd</c> (seconds until disconnect) become a twin command on
/// the feature <c>featureId</c> (default <c>ConnectionStatus</c>) of the thing <c>thingId</c> (mandatory); both options
/// may use placeholders over the external headers. <c>ttd</c> 0 modifies <c>status/readyUntil</c> to the creation
/// time; -1 modifies the feature with <c>readySince</c> the creation time and <c>readyUntil</c> 9999-12-31T23:59:59Z;
/// a positive <c>ttd</c> gives <c>readyUntil</c> creation time + ttd seconds. As in Ditto, a message without these
/// headers, with invalid ones or whose thing id does not resolve is dropped rather than failed: the mapper usually runs
/// next to others on a source whose telemetry carries no <c>ttd</c>.
/// </summary>
public sealed class ConnectionStatusMessageMapper : IMessageMapper
{
    /// <summary>The engine alias.</summary>
    public const string Alias = "ConnectionStatus";

    /// <summary>Default of the option <c>featureId</c>.</summary>
    public const string DefaultFeatureId = "ConnectionStatus";

    private const string FeatureDefinition = "org.eclipse.ditto:ConnectionStatus:1.0.0";

    /// <summary>9999-12-31T23:59:59Z, Ditto's "ready until" of a device that stays connected (<c>ttd</c> -1).</summary>
    private const long DistantFutureMillis = 253_402_300_799_000;

    private readonly string thingId;
    private readonly string featureId;
    private readonly TimeProvider time;
    private readonly string connectionId;

    private ConnectionStatusMessageMapper(string id, string thingId, string featureId, TimeProvider time, string connectionId)
    {
        Id = id;
        this.thingId = thingId;
        this.featureId = featureId;
        this.time = time;
        this.connectionId = connectionId;
    }

    public string Id { get; }

    public bool MapsIncoming => true;

    public bool MapsOutgoing => false;

    internal static ConnectionStatusMessageMapper Create(string id, MapperOptions options, TimeProvider time, string connectionId)
    {
        var thingId = options.RequiredString("thingId");
        if (!thingId.Contains("{{", StringComparison.Ordinal) && !ThingIds.TryParse(thingId, out _, out _))
        {
            throw new MapperConfigurationException($"The option <thingId> '{thingId}' is not a valid thing id.")
            {
                Description = "Make sure to use a valid Thing ID (namespace:name) or a placeholder such as {{ header:device_id }}.",
            };
        }

        var featureId = options.String("featureId") ?? DefaultFeatureId;
        foreach (var (name, template) in new[] { ("thingId", thingId), ("featureId", featureId) })
        {
            if (PlaceholderResolver.Validate(template) is { } problem)
            {
                throw new MapperConfigurationException($"The option <{name}> '{template}' is invalid: {problem}.")
                {
                    Description = "Placeholders have the form {{ header:<name> }}, optionally followed by '| fn:...' functions.",
                };
            }
        }

        return new ConnectionStatusMessageMapper(id, thingId, featureId, time, connectionId);
    }

    public IReadOnlyList<DittoProtocolMessage> MapIncoming(ExternalMessage message)
    {
        var placeholders = SignalPlaceholders.ForExternalMessage(message.Headers, connectionId, message.SourceAddress, time);
        if (!ThingIds.TryParse(PlaceholderResolver.Resolve(thingId, placeholders).Text, out var ns, out var name)
            || PlaceholderResolver.Resolve(featureId, placeholders).Text is not { Length: > 0 } feature
            || !TryReadMillis(message, "creation-time", out var creationTime) || creationTime < 0 || creationTime > DistantFutureMillis
            || !TryReadMillis(message, "ttd", out var ttd) || ttd < -1 || (ttd > 0 && ttd > (DistantFutureMillis - creationTime) / 1000))
        {
            return [];
        }

        var topic = new DittoTopic(ns, name, DittoTopic.ThingsGroup, DittoTopic.TwinChannel, DittoTopic.CommandsCriterion, "modify");
        var headers = DittoHeaders.Of([KeyValuePair.Create(DittoHeaders.ResponseRequiredKey, "false"), KeyValuePair.Create("requested-acks", "[]")]);
        if (ttd == 0)
        {
            return [new DittoProtocolMessage { Topic = topic, Headers = headers, Path = $"/features/{feature}/properties/status/readyUntil", Value = Instant(creationTime) }];
        }

        var readyUntil = ttd == -1 ? DistantFutureMillis : creationTime + (ttd * 1000);
        var value = new JsonObject
        {
            ["definition"] = new JsonArray(FeatureDefinition),
            ["properties"] = new JsonObject
            {
                ["status"] = new JsonObject { ["readySince"] = Instant(creationTime), ["readyUntil"] = Instant(readyUntil) },
            },
        };
        return [new DittoProtocolMessage { Topic = topic, Headers = headers, Path = $"/features/{feature}", Value = value }];
    }

    public IReadOnlyList<OutboundExternalMessage> MapOutgoing(DittoProtocolMessage message) => [];

    private static bool TryReadMillis(ExternalMessage message, string header, out long value)
    {
        value = 0;
        return message.Headers.TryGetValue(header, out var text)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>An epoch-millisecond time as Java's <c>Instant.toString()</c> writes it (milliseconds only when not zero).</summary>
    private static JsonValue Instant(long millis)
    {
        var instant = DateTimeOffset.FromUnixTimeMilliseconds(millis);
        return JsonValue.Create(instant.ToString(millis % 1000 == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}
