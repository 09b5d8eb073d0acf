using Connectivity.Model.Connections;
using Connectivity.Model.Validation;
using Connectivity.Service.Clients;
using Connectivity.Service.DataPlane;
using Connectivity.Service.Monitoring;
using Connectivity.Service.Monitoring.Fluent;
using Microsoft.Extensions.Logging;

namespace Connectivity.Service.Connections;

/// <summary>
/// What every <see cref="ConnectionPersistenceActor"/> of a node shares: validation, client factories per connection type,
/// settings; <see cref="Announcements"/> null means announcements go through the data plane.
/// </summary>
public sealed record ConnectionActorDependencies(
    ConnectionValidator Validator,
    IReadOnlyDictionary<ConnectionType, IConnectionClientFactory> ClientFactories,
    ClientActorSettings ClientSettings,
    ConnectionLoggerOptions LoggerOptions,
    IClientAnnouncements? Announcements,
    ILoggerFactory LoggerFactory)
{
    /// <summary>
    /// The data plane the clients of this node share: the signal router, and the mapping limits (connections whose
    /// mappers cannot be built with them are invalid).
    /// </summary>
    public DataPlaneDependencies DataPlane { get; init; } = DataPlaneDependencies.Isolated();

    /// <summary>Receives every connection log entry of this node (Fluentd publishing, spec §5.3); null when disabled.</summary>
    public IConnectionLogPublisher? LogPublisher { get; init; }

    /// <summary>Number of connectivity nodes that can host a client; 1 in single-node mode.</summary>
    public Func<int> ClusterMemberCount { get; init; } = () => 1;

    /// <summary>
    /// Cluster mode: places client n of a connection on a distinct node (client 0 on this one); null in single-node
    /// mode, where the one client runs here.
    /// </summary>
    public IClientPlacement? Placement { get; init; }

    /// <summary>How often a connection with running clients re-runs the placement against the live members (cluster mode).</summary>
    public TimeSpan PlacementCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the connection actor waits for another node's client host to start a client.</summary>
    public TimeSpan RemoteClientStartTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Idle time after which a connection whose desired status is not open is passivated (Ditto: 45 min).</summary>
    public TimeSpan PassivateAfter { get; init; } = TimeSpan.FromMinutes(45);

    /// <summary>How often the actor checks for inactivity and expired logging.</summary>
    public TimeSpan ActivityCheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the connection actor waits for its clients to connect on open and modify (Ditto: 55 s).</summary>
    public TimeSpan ClientAskTimeout { get; init; } = TimeSpan.FromSeconds(55);

    /// <summary>Status aggregation timeout without a <c>timeout</c> header: 0.75 × 500 ms (spec §2.9).</summary>
    public TimeSpan DefaultStatusTimeout { get; init; } = TimeSpan.FromMilliseconds(375);
}
