using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Mapping;

/// <summary>
/// A payload mapper (spec §7.1): turns one consumed message into Ditto Protocol messages and one signal into messages
/// for an external system. An empty list means the message is dropped; a failure is a <see cref="MessageMappingException"/>.
/// Implementations are thread-safe and keep no state between messages.
/// </summary>
public interface IMessageMapper
{
    /// <summary>The mapping id: the key of <c>mappingDefinitions</c> or the alias it was referred to by.</summary>
    string Id { get; }

    /// <summary>Whether the mapper maps consumed messages; if not, <see cref="MapIncoming"/> returns nothing.</summary>
    bool MapsIncoming { get; }

    /// <summary>Whether the mapper maps signals for targets; if not, <see cref="MapOutgoing"/> returns nothing.</summary>
    bool MapsOutgoing { get; }

    /// <exception cref="MessageMappingException">The message cannot be mapped.</exception>
    IReadOnlyList<DittoProtocolMessage> MapIncoming(ExternalMessage message);

    /// <exception cref="MessageMappingException">The signal cannot be mapped.</exception>
    IReadOnlyList<OutboundExternalMessage> MapOutgoing(DittoProtocolMessage message);
}
