namespace Connectivity.Model.Connections;

/// <summary>
/// Migrations Ditto applies on every parse: the legacy <c>mappingContext</c> (spec §1.1) and the default
/// reply target of sources (spec §1.9).
/// </summary>
internal static class ConnectionMigrations
{
    /// <summary>The mapping id a legacy <c>mappingContext</c> is stored under.</summary>
    public const string LegacyMappingId = "javascript";

    private const string ReplyToPlaceholder = "{{header:reply-to}}";
    private const string CorrelationIdPlaceholder = "{{header:correlation-id}}";
    private const string ContentTypePlaceholder = "{{header:content-type}}";

    /// <summary>Adds a legacy mapping context as <c>mappingDefinitions["javascript"]</c> and appends it to every payload mapping.</summary>
    public static Connection MigrateLegacyMappingContext(Connection connection, MappingContext? legacy)
    {
        if (legacy is null)
        {
            return connection;
        }

        var definitions = connection.MappingDefinitions
            .Where(d => d.Key != LegacyMappingId)
            .Append(KeyValuePair.Create(LegacyMappingId, legacy));
        return connection with
        {
            MappingDefinitions = EquatableMap<MappingContext>.From(definitions),
            Sources = [.. connection.Sources.Select(s => s with { PayloadMapping = AppendLegacy(s.PayloadMapping) })],
            Targets = [.. connection.Targets.Select(t => t with { PayloadMapping = AppendLegacy(t.PayloadMapping) })],
        };
    }

    /// <summary>
    /// Gives every source with an enabled reply target but no address the defaults: for types with headers the
    /// source header mapping gains <c>correlation-id</c>, <c>content-type</c>, <c>reply-to</c> (user values win) and the
    /// reply target answers to <c>{{header:reply-to}}</c>; MQTT 3.1.1 only gets the reply target address.
    /// </summary>
    public static Connection MigrateReplyTargets(Connection connection) =>
        connection with { Sources = [.. connection.Sources.Select(s => MigrateReplyTarget(connection.Type, s))] };

    private static Source MigrateReplyTarget(ConnectionType type, Source source)
    {
        if (!source.ReplyTargetEnabled || source.ReplyTarget is not null)
        {
            return source;
        }

        if (type == ConnectionType.Mqtt)
        {
            return source with { ReplyTarget = new ReplyTarget { Address = ReplyToPlaceholder } };
        }

        KeyValuePair<string, string>[] defaults =
        [
            KeyValuePair.Create("correlation-id", CorrelationIdPlaceholder),
            KeyValuePair.Create("content-type", ContentTypePlaceholder),
            KeyValuePair.Create("reply-to", ReplyToPlaceholder),
        ];
        return source with
        {
            HeaderMapping = EquatableMap<string>.From(defaults.Concat(source.HeaderMapping)),
            ReplyTarget = new ReplyTarget
            {
                Address = ReplyToPlaceholder,
                HeaderMapping = EquatableMap<string>.From(defaults[..2]),
            },
        };
    }

    private static List<string> AppendLegacy(IReadOnlyList<string> mappings) =>
        [.. mappings.Where(m => m != LegacyMappingId), LegacyMappingId];

    /// <summary>Reads the legacy <c>mappingContext</c> object, if any.</summary>
    public static MappingContext? ReadLegacy(JsonRead json) =>
        json.Object("mappingContext") is { } legacy ? MappingContextJson.Read(json.Child("mappingContext", legacy)) : null;
}
