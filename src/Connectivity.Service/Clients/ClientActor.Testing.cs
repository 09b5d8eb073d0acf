using Connectivity.Actors;
using Connectivity.Model.Errors;
using Connectivity.Model.Monitoring;

namespace Connectivity.Service.Clients;

/// <summary>Testing a connection: connect once within the testing timeout, disconnect, report (spec §4.2 test).</summary>
public sealed partial class ClientActor
{
    private IActorRef? testRequester;

    private void Test()
    {
        if (state == ClientState.Disconnecting)
        {
            Context.Stash();
            return;
        }

        if (state == ClientState.Testing || desiredOpen || state is ClientState.Connecting or ClientState.Connected)
        {
            Sender.Tell(new Status.Failure(ConnectivityErrors.SignalIllegal(
                $"The connection '{connection.Id}' cannot be tested while its client is {StateName}.",
                "Close the connection or wait for the running test to finish.")), Self);
            return;
        }

        var test = NextOperation();
        testRequester = Sender;
        Enter(ClientState.Testing, LiveStatus.Closed, RecoveryStatus.Unknown, $"testing connection to {maskedUri}");
        Context.Timers.StartSingleTimer(TimerKey.TestTimeout, new TestTimedOut(test), settings.TestingTimeout);

        IConnectionClient tested;
        try
        {
            dataPlane ??= StartDataPlane();
            tested = factory.Create(connection, NewClientContext(test));
        }
        catch (Exception e)
        {
            Self.Tell(new TestFailed(test, e));
            return;
        }

        var disconnectTimeout = settings.DisconnectingMaxTimeout;
        var clock = timeProvider;
        RunOffActor(
            async cancellationToken =>
            {
                try
                {
                    await tested.ConnectAsync(cancellationToken).ConfigureAwait(false);
                    using var disconnecting = new CancellationTokenSource(disconnectTimeout, clock);
                    await tested.DisconnectAsync(disconnecting.Token).ConfigureAwait(false);
                }
                finally
                {
                    await tested.DisposeAsync().ConfigureAwait(false);
                }
            },
            new TestSucceeded(test),
            cause => new TestFailed(test, cause));
    }

    private void OnTestFinished(Exception? cause)
    {
        NextOperation();
        var requester = testRequester;
        testRequester = null;
        if (cause is null)
        {
            Enter(ClientState.Initialized, LiveStatus.Closed, RecoveryStatus.Unknown, "connection test succeeded");
            connectionLogger.LogConnectionSuccess($"Connection test to {maskedUri} succeeded.");
            requester?.Tell(new ClientTestSucceeded(clientId), Self);
        }
        else
        {
            var description = Describe(cause);
            Enter(ClientState.Initialized, IsUserIndicated(cause) ? LiveStatus.Misconfigured : LiveStatus.Failed, RecoveryStatus.Unknown, description);
            connectionLogger.LogConnectionFailure($"Connection test failed due to: {description}");
            ClientActorLog.TestFailed(logger, connection.Id, clientId, maskedUri, description);
            requester?.Tell(new Status.Failure(ToDittoError(cause)), Self);
        }

        Context.UnstashAll();
    }
}
