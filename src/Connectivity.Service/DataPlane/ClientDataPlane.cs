using Connectivity.Model.Announcements;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Protocol;
using Connectivity.Service.Clients;
using Connectivity.Service.Mapping;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// The data plane of one client actor, for the client actor's lifetime: its <see cref="Inbound"/> pipeline, its
/// outbound dispatcher subscribed to the router for the topics of the connection's targets, and the connection
/// announcements (spec §4.6), which go only to this connection's own targets subscribed to
/// <c>_/_/connections/announcements</c>.
/// </summary>
public sealed class ClientDataPlane : IClientAnnouncements, IAsyncDisposable
{
    private readonly OutboundDispatcher dispatcher;
    private readonly IDisposable? subscription;

    private ClientDataPlane(OutboundDispatcher dispatcher, InboundPipeline inbound, IDisposable? subscription, bool announces)
    {
        this.dispatcher = dispatcher;
        Inbound = inbound;
        this.subscription = subscription;
        IsEnabled = announces;
    }

    /// <summary>Where the client's bindings hand consumed messages.</summary>
    public IInboundMessageSink Inbound { get; }

    /// <summary>Whether a target of the connection subscribes to its announcements.</summary>
    public bool IsEnabled { get; }

    /// <summary>
    /// Builds the mappers and starts the data plane of client <paramref name="clientIndex"/>; throws
    /// <see cref="MapperConfigurationException"/> when a mapping definition cannot be used.
    /// </summary>
    /// <param name="publisher">The client's current publisher; null while it is not connected.</param>
    public static ClientDataPlane Start(
        Connection connection,
        int clientIndex,
        DataPlaneDependencies dependencies,
        DataPlaneMonitoring monitoring,
        Func<IMessagePublisher?> publisher,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dependencies);
        var mappers = ConnectionMappers.Create(connection, dependencies.Mapping, time);
        var dispatcher = new OutboundDispatcher(connection, mappers, publisher, monitoring, time);
        var topics = dispatcher.Topics;
        var announces = topics.Contains(FilteredTopic.ConnectionAnnouncements);
        topics = topics.Where(t => t != FilteredTopic.ConnectionAnnouncements).ToHashSet(StringComparer.Ordinal);
        var subscription = topics.Count == 0
            ? null
            : dependencies.Router.Subscribe(new SignalSubscription(connection.Id, clientIndex, topics, dispatcher));
        var inbound = new InboundPipeline(connection, mappers, dependencies.Router, dispatcher, monitoring, time);
        return new ClientDataPlane(dispatcher, inbound, subscription, announces);
    }

    public void Opened(string connectionId, DateTimeOffset openedAt) =>
        Announce(new ConnectionOpenedAnnouncement(connectionId, openedAt, AnnouncementHeaders()).ToDittoProtocolJson());

    public void Closed(string connectionId, DateTimeOffset closedAt) =>
        Announce(new ConnectionClosedAnnouncement(connectionId, closedAt, AnnouncementHeaders()).ToDittoProtocolJson());

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        await dispatcher.DisposeAsync().ConfigureAwait(false);
    }

    private static DittoHeaders AnnouncementHeaders() => DittoHeaders.Empty.With(DittoHeaders.CorrelationIdKey, Guid.NewGuid().ToString());

    private void Announce(System.Text.Json.Nodes.JsonObject json)
    {
        if (IsEnabled)
        {
            _ = dispatcher.OfferAsync(DittoProtocolMessage.FromJson(json), CancellationToken.None).AsTask();
        }
    }
}
