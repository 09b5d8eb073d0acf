using Connectivity.Actors;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Connectivity.Model.Responses;
using Connectivity.Model.Signals;
using Connectivity.Service.Clients;
using Microsoft.Extensions.Logging;

namespace Connectivity.Service.Connections;

/// <summary>The client actors of a connection: start, open, close, test.</summary>
public sealed partial class ConnectionPersistenceActor
{
    private readonly List<IActorRef> clients = [];
    private DateTimeOffset? closedAt;
    private int clientGeneration;

    /// <summary>Starts the clients if none run and tells them to connect; the outcome is not awaited.</summary>
    private void StartClientsAndConnect()
    {
        EnsureClients();
        foreach (var client in clients)
        {
            client.Tell(OpenClient.Instance, Self);
        }
    }

    /// <summary>Starts the clients if none run and waits until all are connected; the error of the first failure, or null.</summary>
    private async Task<DittoRuntimeException?> OpenClientsAsync()
    {
        if (!EnsureClients())
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

        var closing = clients.ToList();
        clients.Clear();
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

        foreach (var client in closing)
        {
            Context.Unwatch(client);
            Context.Stop(client);
        }

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

    /// <summary>Starts one client actor per available node, at most <c>clientCount</c> (spec §4.4); false if the type has no client.</summary>
    private bool EnsureClients()
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
        var count = Math.Min(connection.ClientCount, dependencies.ClusterMemberCount());
        for (var index = 0; index < count; index++)
        {
            var name = $"client-{index}";
            if (Context.Child(name) is not null)
            {
                name += "-" + ++clientGeneration;
            }

            var props = ClientActor.Props(
                connection, index, factory, dependencies.ClientSettings, connectionLog, metrics, dependencies.Announcements, dependencies.LoggerFactory);
            clients.Add(Context.Watch(Context.ActorOf(props, name)));
        }

        return true;
    }

    private void OnClientTerminated(IActorRef client) => clients.Remove(client);

    private static DittoRuntimeException UnsupportedType(ConnectionType type) =>
        ConnectivityErrors.ConnectionFailed(
            $"Connections of type '{type.ToWire()}' cannot be opened by this service yet.",
            "Supported connection types: http-push.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the clients of connection {ConnectionId} failed: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string connectionId, string reason);
}
