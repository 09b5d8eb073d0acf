using Connectivity.Model.Connections;
using Connectivity.Model.Placeholders;
using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Mapping;

/// <summary>
/// The payload mappers of one connection (spec §7.1), built once per client actor; thread-safe. Every mapping
/// definition is built, and every alias a source or target refers to; an empty <c>payloadMapping</c> list means the
/// built-in <c>Ditto</c> mapper. Each mapper of a list maps the message on its own: a skipped or failed mapper does not
/// keep the others from mapping.
/// </summary>
public sealed class ConnectionMappers
{
    private readonly IReadOnlyDictionary<string, ConfiguredMapper> mappers;
    private readonly ConfiguredMapper fallback;
    private readonly MappingSettings settings;
    private readonly TimeProvider time;
    private readonly string connectionId;

    private ConnectionMappers(
        IReadOnlyDictionary<string, ConfiguredMapper> mappers, ConfiguredMapper fallback, MappingSettings settings, TimeProvider time, string connectionId)
    {
        this.mappers = mappers;
        this.fallback = fallback;
        this.settings = settings;
        this.time = time;
        this.connectionId = connectionId;
    }

    /// <summary>
    /// Builds every mapper referenced by the connection's sources and targets (ids resolve to mappingDefinitions
    /// entries first, else to built-in aliases; an empty payloadMapping list = the <c>Ditto</c> mapper) and every
    /// mapping definition. Throws <see cref="MapperConfigurationException"/> for an unknown id or engine, missing or
    /// mistyped options, an invalid condition or a script that does not load.
    /// </summary>
    public static ConnectionMappers Create(Connection connection, MappingSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        var mappers = new Dictionary<string, ConfiguredMapper>(StringComparer.Ordinal);
        foreach (var (id, context) in connection.MappingDefinitions)
        {
            mappers[id] = ConfiguredMapper.Create(id, context, settings, time, connection.Id);
        }

        var references = connection.Sources.Select(s => (Kind: "source", Name: string.Join(",", s.Addresses), s.PayloadMapping))
            .Concat(connection.Targets.Select(t => (Kind: "target", Name: t.Address, t.PayloadMapping)));
        foreach (var (kind, name, ids) in references)
        {
            foreach (var id in ids.Where(id => !mappers.ContainsKey(id)))
            {
                if (!MessageMapperFactory.IsAlias(id))
                {
                    throw new MapperConfigurationException($"The payload mapping '{id}' of the {kind} '{name}' refers to neither a mapping definition nor a mapper alias.")
                    {
                        Description = "Refer to a key of 'mappingDefinitions' or to one of the aliases: " + string.Join(", ", MessageMapperFactory.Engines) + ".",
                    };
                }

                mappers[id] = ConfiguredMapper.Create(id, new MappingContext { MappingEngine = id }, settings, time, connection.Id);
            }
        }

        var fallback = ConfiguredMapper.Create(DittoMessageMapper.Alias, new MappingContext { MappingEngine = DittoMessageMapper.Alias }, settings, time, connection.Id);
        return new ConnectionMappers(mappers, fallback, settings, time, connection.Id);
    }

    /// <summary>
    /// One outcome per mapper of <c>source.PayloadMapping</c> (in order; the <c>Ditto</c> mapper if empty). A mapper
    /// whose incoming conditions are not all true, or whose content-type blocklist contains the message's media type,
    /// is skipped; one that fails or produces more than <see cref="MappingSettings.MaxMappedInboundMessages"/> messages
    /// has failed. Never throws for message content.
    /// </summary>
    public IReadOnlyList<MappingOutcome<DittoProtocolMessage>> MapIncoming(Source source, ExternalMessage message)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(message);
        var placeholders = SignalPlaceholders.ForExternalMessage(message.Headers, connectionId, message.SourceAddress, time);
        return [.. MappersOf(source.PayloadMapping).Select(m => m.Mapper is null
            ? Undefined<DittoProtocolMessage>(m.Id)
            : m.Mapper.IncomingSkipReason(message, placeholders) is { } reason
                ? MappingOutcome<DittoProtocolMessage>.Skip(m.Id, reason)
                : Run(m.Id, () => m.Mapper.Mapper.MapIncoming(message), settings.MaxMappedInboundMessages, "max-mapped-inbound-messages"))];
    }

    /// <summary>
    /// One outcome per mapper of <c>target.PayloadMapping</c> (in order; the <c>Ditto</c> mapper if empty); outgoing
    /// conditions are evaluated over the signal's placeholders, the limit is <see cref="MappingSettings.MaxMappedOutboundMessages"/>.
    /// </summary>
    public IReadOnlyList<MappingOutcome<OutboundExternalMessage>> MapOutgoing(Target target, DittoProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var placeholders = SignalPlaceholders.ForSignal(message, connectionId, time);
        return [.. MappersOf(target.PayloadMapping).Select(m => m.Mapper is null
            ? Undefined<OutboundExternalMessage>(m.Id)
            : m.Mapper.OutgoingSkipReason(placeholders) is { } reason
                ? MappingOutcome<OutboundExternalMessage>.Skip(m.Id, reason)
                : Run(m.Id, () => m.Mapper.Mapper.MapOutgoing(message), settings.MaxMappedOutboundMessages, "max-mapped-outbound-messages"))];
    }

    private IEnumerable<(string Id, ConfiguredMapper? Mapper)> MappersOf(IReadOnlyList<string> ids) =>
        ids.Count == 0 ? [(fallback.Mapper.Id, fallback)] : ids.Select(id => (id, mappers.GetValueOrDefault(id)));

    private static MappingOutcome<T> Run<T>(string id, Func<IReadOnlyList<T>> map, int limit, string limitName)
    {
        IReadOnlyList<T> messages;
        try
        {
            messages = map();
        }
        catch (MessageMappingException e)
        {
            return MappingOutcome<T>.Failed(id, e.Message);
        }
        catch (Exception e)
        {
            return MappingOutcome<T>.Failed(id, $"The payload mapping '{id}' failed unexpectedly: {e.GetType().Name}: {e.Message}");
        }

        return messages.Count > limit
            ? MappingOutcome<T>.Failed(id, $"The payload mapping '{id}' produced {messages.Count} messages, more than the limit of {limit} ({limitName}).")
            : MappingOutcome<T>.Mapped(id, messages);
    }

    /// <summary>A source or target of another connection (or changed since) referred to a mapping this one does not have.</summary>
    private static MappingOutcome<T> Undefined<T>(string id) =>
        MappingOutcome<T>.Failed(id, $"The payload mapping '{id}' is not defined for this connection.");
}
