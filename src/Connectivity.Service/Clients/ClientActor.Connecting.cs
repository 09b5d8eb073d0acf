using Connectivity.Actors;
using Connectivity.Model.Monitoring;
using Connectivity.Service.DataPlane;
using Connectivity.Service.Mapping;

namespace Connectivity.Service.Clients;

/// <summary>Connecting, reconnecting with backoff and losing the connection (spec §4.5).</summary>
public sealed partial class ClientActor
{
    private bool attemptInFlight;

    /// <summary>A loss the client reported while its connect was still running: that attempt fails with it.</summary>
    private Exception? lostWhileConnecting;

    private void Open()
    {
        switch (state)
        {
            case ClientState.Disconnecting or ClientState.Testing:
                Context.Stash();
                return;
            case ClientState.Connected:
                desiredOpen = true;
                Sender.Tell(new ClientConnected(clientId), Self);
                return;
        }

        desiredOpen = true;
        openRequesters.Add(Sender);
        if (attemptInFlight)
        {
            return;
        }

        backoff = ClientBackoff.Initial(settings);
        var failing = status is LiveStatus.Failed or LiveStatus.Misconfigured;
        Enter(ClientState.Connecting, status, RecoveryStatus.Ongoing, failing ? statusDetails : $"connecting to {maskedUri}");
        StartAttempt();
    }

    private void OnReconnect()
    {
        if (desiredOpen && state == ClientState.Connecting && !attemptInFlight)
        {
            StartAttempt();
        }
    }

    /// <summary>Starts a connect attempt; the status keeps showing the last failure until the attempt decides.</summary>
    private void StartAttempt()
    {
        var attempt = NextOperation();
        (backoff, var timeout) = backoff.StartAttempt(timeProvider.GetUtcNow());
        attemptInFlight = true;
        lostWhileConnecting = null;
        Context.Timers.StartSingleTimer(TimerKey.ConnectTimeout, new ConnectTimedOut(attempt, timeout), timeout);
        ClientActorLog.Connecting(logger, connection.Id, clientId, maskedUri, backoff.Tries, timeout);

        IConnectionClient created;
        try
        {
            dataPlane ??= StartDataPlane();
            created = factory.Create(connection, NewClientContext(attempt));
        }
        catch (Exception e)
        {
            Self.Tell(new ConnectFailed(attempt, e));
            return;
        }

        client = created;
        RunOffActor(created.ConnectAsync, new ConnectSucceeded(attempt), cause => new ConnectFailed(attempt, cause));
    }

    private void OnConnected()
    {
        if (lostWhileConnecting is { } lost)
        {
            lostWhileConnecting = null;
            OnConnectFailed(lost);
            return;
        }

        attemptInFlight = false;
        Context.Timers.Cancel(TimerKey.ConnectTimeout);
        backoff = ClientBackoff.Initial(settings);
        Enter(ClientState.Connected, LiveStatus.Open, RecoveryStatus.Succeeded, ConnectedDetails);
        Announcements.Opened(connection.Id, inStateSince);
        connectionLogger.LogConnectionSuccess($"Connected to {maskedUri}.");
        ClientActorLog.Connected(logger, connection.Id, clientId, maskedUri);
        foreach (var requester in openRequesters)
        {
            requester.Tell(new ClientConnected(clientId), Self);
        }

        openRequesters.Clear();
    }

    private void OnConnectFailed(Exception cause)
    {
        attemptInFlight = false;
        NextOperation();
        DiscardClient();
        OnFailure("Connection failed", cause);
        FailOpenRequesters(cause);
    }

    private void OnConnectionLost(Exception cause)
    {
        if (state == ClientState.Connecting && attemptInFlight)
        {
            lostWhileConnecting ??= cause;
            return;
        }

        if (state != ClientState.Connected)
        {
            return;
        }

        NextOperation();
        DiscardClient();
        OnFailure("Connection lost", cause);
    }

    /// <summary>
    /// After a failed attempt or a lost connection: schedules the next attempt after the backoff while tries remain,
    /// otherwise gives up with <c>backOffLimitReached</c> until the next <see cref="OpenClient"/>.
    /// </summary>
    private void OnFailure(string what, Exception cause)
    {
        var description = Describe(cause).TrimEnd('.');
        var failedStatus = IsUserIndicated(cause) ? LiveStatus.Misconfigured : LiveStatus.Failed;
        if (backoff.CanReconnect)
        {
            (backoff, var delay) = backoff.StartBackoff();
            Enter(ClientState.Connecting, failedStatus, RecoveryStatus.Ongoing, description + ".");
            Context.Timers.StartSingleTimer(TimerKey.Reconnect, new Reconnect(operation), delay);
            connectionLogger.LogConnectionFailure($"{what} due to: {description}. Reconnect after {Format(delay)}.");
            ClientActorLog.ReconnectScheduled(logger, connection.Id, clientId, what, description, delay);
        }
        else
        {
            var tries = backoff.Tries;
            Enter(ClientState.Initialized, failedStatus, RecoveryStatus.BackOffLimitReached, $"{description}. Gave up after {tries} connect attempts.");
            connectionLogger.LogConnectionFailure(
                $"{what} due to: {description}. Gave up after {tries} connect attempts; no reconnect until the connection is opened again.");
            ClientActorLog.BackOffLimitReached(logger, connection.Id, clientId, what, description, tries);
        }
    }

    /// <summary>Starts the data plane at the first connect attempt; mapping definitions it cannot use make the connection misconfigured.</summary>
    private ClientDataPlane StartDataPlane()
    {
        try
        {
            return ClientDataPlane.Start(
                connection,
                clientIndex,
                dataPlaneDependencies,
                new DataPlaneMonitoring(connectionLogger, metrics),
                () => client?.Publisher,
                timeProvider);
        }
        catch (MapperConfigurationException e)
        {
            throw ConnectionFailureException.Misconfigured($"The payload mapping cannot be used: {e.Message}", e);
        }
    }

    private void FailOpenRequesters(Exception cause)
    {
        if (openRequesters.Count == 0)
        {
            return;
        }

        var failure = new Status.Failure(ToDittoError(cause));
        foreach (var requester in openRequesters)
        {
            requester.Tell(failure, Self);
        }

        openRequesters.Clear();
    }
}
