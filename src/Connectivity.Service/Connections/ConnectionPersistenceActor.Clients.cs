using Connectivity.Actors;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Connectivity.Model.Responses;
using Connectivity.Model.Signals;
using Connectivity.Service.Clients;
using Microsoft.Extensions.Logging;

namespace Connectivity.Service.Connections;

/// <summary>
/// The client actors of a connection: start, open, close, test. In cluster mode client 0 runs here and client n on
/// another node's <see cref="ClientHostActor"/>, reached through a remote reference and handled like a local client.
/// </summary>
public sealed partial class ConnectionPersistenceActor
{
    private readonly List<IActorRef> clients = [];
    private readonly Dictionary<int, RemoteClient> remoteClients = [];
    private DateTimeOffset? closedAt;
    private int clientGeneration;

    /// <summary>Starts the clients if none run and tells them to connect; the outcome is not awaited.</summary>
    private async Task StartClientsAndConnectAsync()
    {
        await EnsureClientsAsync();
        foreach (var client in clients)
        {
            client.Tell(OpenClient.Instance, Self);
        }
    }

    /// <summary>Starts the clients if none run and waits until all are connected; the error of the first failure, or null.</summary>
    private async Task<DittoRuntimeException?> OpenClientsAsync()
    {
        if (!await EnsureClientsAsync())
        {
            return UnsupportedType(state.Connection!.Type);
        }

        try
        {
            await Task.WhenAll(clients.Select(c => c.Ask<ClientConnected>(OpenClient.Instance, dependencies.ClientAskTimeout)));
            return null;
        }
        catch (DittoRuntimeException error)
        {
            return error;
        }
        catch (AskTimeoutException)
        {
            return ConnectivityErrors.ConnectionFailed(
                $"The connection '{connectionId}' did not open within {dependencies.ClientAskTimeout.TotalSeconds:0} s.",
                "It keeps trying in the background; see the connection's status and logs.");
        }
    }

    /// <summary>Closes every client (announcement, disconnect), then stops them.</summary>
    private async Task CloseClientsAsync()
    {
        if (clients.Count == 0)
        {
            return;
        }

        Context.Timers.Cancel(PlacementCheck.Instance);
        var closing = clients.ToList();
        var remotes = remoteClients.ToList();
        clients.Clear();
        remoteClients.Clear();
        var settings = dependencies.ClientSettings;
        var timeout = settings.DisconnectAnnouncementTimeout + settings.DisconnectingMaxTimeout + TimeSpan.FromSeconds(1);
        try
        {
            await Task.WhenAll(closing.Select(c => c.Ask<ClientClosed>(CloseClient.Instance, timeout)));
        }
        catch (Exception e)
        {
            LogCloseFailed(logger, connectionId, e.Message);
        }

        foreach (var client in closing.Except(remotes.Select(r => r.Value.Ref)))
        {
            Context.Unwatch(client);
            Context.Stop(client);
        }

        StopRemoteClients(remotes);

        closedAt = time.GetUtcNow();
    }

    /// <summary>Connects a temporary client once with the connection under test.</summary>
    private async Task<IConnectivityResponse> TestAsync(TestWithClient test)
    {
        var headers = test.Command.Headers;
        if (!dependencies.ClientFactories.TryGetValue(test.Connection.Type, out var factory))
        {
            return new ConnectivityErrorResponse(UnsupportedType(test.Connection.Type), headers);
        }

        var client = Context.ActorOf(
            ClientActor.Props(test.Connection, 0, factory, dependencies.ClientSettings, connectionLog, metrics, NoClientAnnouncements.Instance, dependencies.LoggerFactory),
            "client-test-" + ++clientGeneration);
        try
        {
            await client.Ask<ClientTestSucceeded>(TestClient.Instance, dependencies.ClientSettings.TestingTimeout + TimeSpan.FromSeconds(2));
            return TestConnectionResponse.Success(test.Connection.Id, "successfully connected", headers);
        }
        catch (DittoRuntimeException error)
        {
            return new ConnectivityErrorResponse(error, headers);
        }
        catch (AskTimeoutException)
        {
            return new ConnectivityErrorResponse(
                ConnectivityErrors.ConnectionFailed($"The test of connection '{test.Connection.Id}' timed out."), headers);
        }
        finally
        {
            Context.Stop(client);
        }
    }

    /// <summary>
    /// Starts the clients of the connection if none run; false if the type has no client. Single-node mode: one
    /// client per available node, at most <c>clientCount</c> (spec §4.4), here. Cluster mode: client 0 here, the others
    /// on distinct other nodes (<see cref="ClientPlacement"/>), re-placed while they run (<see cref="CheckPlacementAsync"/>).
    /// </summary>
    private async Task<bool> EnsureClientsAsync()
    {
        if (clients.Count > 0)
        {
            return true;
        }

        var connection = state.Connection!;
        if (!dependencies.ClientFactories.TryGetValue(connection.Type, out var factory))
        {
            connectionLog.LogConnectionFailure(UnsupportedType(connection.Type).Message);
            return false;
        }

        metrics.RegisterAddresses(connection.Sources.SelectMany(s => s.Addresses), connection.Targets.Select(t => t.Address));
        if (dependencies.Placement is null)
        {
            var count = Math.Min(connection.ClientCount, dependencies.ClusterMemberCount());
            for (var index = 0; index < count; index++)
            {
                StartLocalClient(connection, factory, index);
            }

            return true;
        }

        StartLocalClient(connection, factory, 0);
        await PlaceRemoteClientsAsync(connection, dependencies.Placement);
        Context.Timers.StartPeriodicTimer(PlacementCheck.Instance, PlacementCheck.Instance, dependencies.PlacementCheckInterval);
        return true;
    }

    private void StartLocalClient(Connection connection, IConnectionClientFactory factory, int index)
    {
        var name = $"client-{index}";
        if (Context.Child(name) is not null)
        {
            name += "-" + ++clientGeneration;
        }

        var props = ClientActor.Props(
            connection, index, factory, dependencies.ClientSettings, connectionLog, metrics, dependencies.Announcements, dependencies.LoggerFactory, dependencies.DataPlane);
        clients.Add(Context.Watch(Context.ActorOf(props, name)));
    }

    /// <summary>
    /// Timer tick while clients run in cluster mode: drops the remote clients whose node left and places the missing
    /// ones on live nodes that host none of this connection's clients; new clients connect if the connection should be open.
    /// </summary>
    private async Task CheckPlacementAsync()
    {
        if (clients.Count == 0 || dependencies.Placement is not { } placement)
        {
            return;
        }

        var started = await PlaceRemoteClientsAsync(state.Connection!, placement);
        if (state.DesiredOpen)
        {
            foreach (var client in started)
            {
                client.Tell(OpenClient.Instance, Self);
            }
        }
    }

    /// <summary>Starts the clients of the unplaced indexes on their nodes' client hosts; the started ones.</summary>
    private async Task<List<IActorRef>> PlaceRemoteClientsAsync(Connection connection, IClientPlacement placement)
    {
        var live = placement.LiveMembers;
        foreach (var (index, lost) in remoteClients.Where(r => !live.Any(m => m.NodeId == r.Value.NodeId)).ToList())
        {
            LogRemoteClientLost(logger, connectionId, index, lost.NodeId);
            remoteClients.Remove(index);
            clients.Remove(lost.Ref);
        }

        var placed = remoteClients.ToDictionary(r => r.Key, r => r.Value.NodeId);
        placed[0] = placement.Self.NodeId;
        var started = new List<IActorRef>();
        foreach (var (index, node) in ClientPlacement.Place(connectionId, placement.Self, live, connection.ClientCount, placed))
        {
            try
            {
                var reply = await placement.AskHostAsync(
                    node.Address, new StartRemoteClient(connection, index, placement.Self.NodeId), dependencies.RemoteClientStartTimeout);
                if (reply is not RemoteClientStarted remote)
                {
                    LogRemoteClientNotStarted(logger, connectionId, index, node.NodeId, reply is Status.Failure failure ? failure.Cause.Message : reply.ToString() ?? string.Empty);
                    continue;
                }

                var client = placement.RemoteRef(node.Address, remote.Path);
                remoteClients[index] = new RemoteClient(node.NodeId, node.Address, client);
                clients.Add(client);
                started.Add(client);
                if (connectionLog.IsEnabled)
                {
                    client.Tell(EnableClientLogs.Instance, Self);
                }

                LogRemoteClientPlaced(logger, connectionId, index, node.NodeId);
            }
            catch (Exception e)
            {
                LogRemoteClientNotStarted(logger, connectionId, index, node.NodeId, e.Message);
            }
        }

        return started;
    }

    /// <summary>Tells <paramref name="message"/> to the clients running on other nodes (they keep their own metrics and logs).</summary>
    private void TellRemoteClients(object message)
    {
        foreach (var remote in remoteClients.Values)
        {
            remote.Ref.Tell(message, Self);
        }
    }

    private void StopRemoteClients(IEnumerable<KeyValuePair<int, RemoteClient>> remotes)
    {
        foreach (var (index, remote) in remotes)
        {
            dependencies.Placement?.RemoteRef(remote.NodeAddress, ClientHostActor.Path).Tell(new StopRemoteClient(connectionId, index), Self);
        }
    }

    /// <summary>Stopped (passivated, handed off, restarted): the clients on other nodes stop too; local ones stop as children.</summary>
    protected override ValueTask PostStop()
    {
        StopRemoteClients(remoteClients.ToList());
        remoteClients.Clear();
        return default;
    }

    private void OnClientTerminated(IActorRef client) => clients.Remove(client);

    private static DittoRuntimeException UnsupportedType(ConnectionType type) =>
        ConnectivityErrors.ConnectionFailed(
            $"Connections of type '{type.ToWire()}' cannot be opened by this service yet.",
            "Supported connection types: http-push.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId}: client {ClientIndex} runs on node {NodeId}")]
    private static partial void LogRemoteClientPlaced(ILogger logger, string connectionId, int clientIndex, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId}: client {ClientIndex} could not be started on node {NodeId}: {Reason}")]
    private static partial void LogRemoteClientNotStarted(ILogger logger, string connectionId, int clientIndex, string nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId}: node {NodeId} of client {ClientIndex} left the cluster; placing the client again")]
    private static partial void LogRemoteClientLost(ILogger logger, string connectionId, int clientIndex, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the clients of connection {ConnectionId} failed: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string connectionId, string reason);

    /// <summary>A client running on another node's client host.</summary>
    private sealed record RemoteClient(string NodeId, string NodeAddress, IActorRef Ref);

    /// <summary>Timer tick: re-run the client placement against the live members.</summary>
    private sealed class PlacementCheck
    {
        public static readonly PlacementCheck Instance = new();
    }
}
