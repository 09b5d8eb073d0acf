using Connectivity.Model.Errors;
using Connectivity.Model.Monitoring;

namespace Connectivity.Service.Clients;

/// <summary>Closing gracefully: closed announcement, its grace period, then a bounded disconnect (spec §4.2 close, §4.6).</summary>
public sealed partial class ClientActor
{
    private void Close()
    {
        if (state == ClientState.Testing)
        {
            Context.Stash();
            return;
        }

        desiredOpen = false;
        closeRequesters.Add(Sender);
        if (state == ClientState.Disconnecting)
        {
            return;
        }

        var wasConnected = state == ClientState.Connected;
        var closing = NextOperation();
        attemptInFlight = false;
        FailOpenRequesters(ConnectivityErrors.ConnectionFailed(
            $"The connection '{connection.Id}' was closed before it could connect.", "The connection was closed meanwhile."));
        if (!wasConnected)
        {
            DiscardClient();
            FinishClose();
            return;
        }

        Enter(ClientState.Disconnecting, status, recoveryStatus, $"disconnecting from {maskedUri}");
        Announcements.Closed(connection.Id, inStateSince);
        if (Announcements.IsEnabled)
        {
            Context.Timers.StartSingleTimer(TimerKey.AnnouncementWait, new AnnouncementWaitOver(closing), settings.DisconnectAnnouncementTimeout);
        }
        else
        {
            StartDisconnect();
        }
    }

    private void StartDisconnect()
    {
        if (client is not { } disconnecting)
        {
            FinishClose();
            return;
        }

        client = null;
        var closing = operation;
        Context.Timers.StartSingleTimer(TimerKey.DisconnectTimeout, new DisconnectTimedOut(closing), settings.DisconnectingMaxTimeout);
        RunOffActor(
            async cancellationToken =>
            {
                try
                {
                    await disconnecting.DisconnectAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await disconnecting.DisposeAsync().ConfigureAwait(false);
                }
            },
            new Disconnected(closing, null),
            cause => new Disconnected(closing, Mask(cause.Message)));
    }

    private void OnDisconnected(string? error)
    {
        NextOperation();
        if (error is null)
        {
            ClientActorLog.Disconnected(logger, connection.Id, clientId, maskedUri);
        }
        else
        {
            ClientActorLog.DisconnectFailed(logger, connection.Id, clientId, maskedUri, error);
        }

        connectionLogger.LogConnectionSuccess($"Disconnected from {maskedUri}.");
        FinishClose();
    }

    private void FinishClose()
    {
        Enter(ClientState.Disconnected, LiveStatus.Closed, RecoveryStatus.Unknown, "connection is closed");
        foreach (var requester in closeRequesters)
        {
            requester.Tell(new ClientClosed(clientId), Self);
        }

        closeRequesters.Clear();
        Context.UnstashAll();
    }
}
