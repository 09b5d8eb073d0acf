using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Mapping;

/// <summary>
/// The <c>Ditto</c> engine (spec §7.1), used when a source or target lists no mapping: the payload is a Ditto Protocol
/// message inbound; outbound the signal is sent as Ditto Protocol JSON with only <c>content-type</c> and
/// <c>correlation-id</c> headers (target header mapping adds the rest). Its default options block Hono's notification
/// content types (see <see cref="DefaultContentTypeBlocklist"/>).
/// </summary>
public sealed class DittoMessageMapper(string id) : IMessageMapper
{
    /// <summary>The engine alias.</summary>
    public const string Alias = "Ditto";

    /// <summary>Default of the <c>content-type-blocklist</c> option of this engine and <c>RawMessage</c>.</summary>
    public const string DefaultContentTypeBlocklist =
        "application/vnd.eclipse-hono-empty-notification,application/vnd.eclipse-hono-device-provisioning-notification,"
        + "application/vnd.eclipse-hono-dc-notification+json,application/vnd.eclipse-hono-delivery-failure-notification+json";

    public string Id { get; } = id;

    public bool MapsIncoming => true;

    public bool MapsOutgoing => true;

    public IReadOnlyList<DittoProtocolMessage> MapIncoming(ExternalMessage message) => [MappingPayloads.ParseDittoProtocol(message)];

    public IReadOnlyList<OutboundExternalMessage> MapOutgoing(DittoProtocolMessage message) => [MappingPayloads.ToDittoProtocol(message)];
}
