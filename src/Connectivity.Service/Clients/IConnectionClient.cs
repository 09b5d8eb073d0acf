using Connectivity.Model.Monitoring;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Clients;

/// <summary>
/// One physical connection of one client actor, implemented per protocol. The client actor creates a fresh instance
/// for every connect attempt (through <see cref="IConnectionClientFactory"/>), calls it off the actor thread and
/// disposes it when the attempt fails, the connection is lost or the connection is closed.
/// </summary>
public interface IConnectionClient : IAsyncDisposable
{
    /// <summary>
    /// Connects; throws <see cref="ConnectionFailureException"/> when the peer cannot be reached or refuses. Once this
    /// completed, a later loss of the connection is reported through <see cref="ClientContext.OnConnectionLost"/>.
    /// </summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Closes the connection gracefully.</summary>
    Task DisconnectAsync(CancellationToken cancellationToken);

    /// <summary>The statuses of this client's source consumers while connected (spec §3.5).</summary>
    IReadOnlyList<ResourceStatus> SourceStatuses();

    /// <summary>The statuses of this client's target publishers while connected (spec §3.5).</summary>
    IReadOnlyList<ResourceStatus> TargetStatuses();

    /// <summary>
    /// Publishes to this client's targets (spec §8) while connected; null before <see cref="ConnectAsync"/> completed,
    /// after the connection was lost or closed, and for bindings without targets.
    /// </summary>
    IMessagePublisher? Publisher { get; }
}
