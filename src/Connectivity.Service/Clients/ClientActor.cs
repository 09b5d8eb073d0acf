using System.Diagnostics.CodeAnalysis;
using Connectivity.Actors;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Connectivity.Service.DataPlane;
using Connectivity.Service.Monitoring;
using Microsoft.Extensions.Logging;

namespace Connectivity.Service.Clients;

/// <summary>
/// One client of a connection: keeps one <see cref="IConnectionClient"/> connected while the desired status is open,
/// following the client state machine of spec §4.5 (connect timeouts and reconnect backoff doubling, a limit of tries,
/// misconfigured/failed classification, connection log entries), and answers status, metrics and log requests of its
/// connection actor (<see cref="IClientCommand"/>). The client's connect, disconnect and dispose calls run off the
/// actor and report back as messages tagged with the operation they belong to, so the actor stays responsive and
/// ignores results of superseded operations.
/// </summary>
[SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The operation's CancellationTokenSource has no timer, so it holds nothing to release; it is cancelled, never disposed, because off-actor work may still observe its token.")]
public sealed partial class ClientActor : ActorBase
{
    private readonly Connection connection;
    private readonly int clientIndex;
    private readonly IConnectionClientFactory factory;
    private readonly ClientActorSettings settings;
    private readonly ConnectionLogger connectionLogger;
    private readonly ConnectionMetricsCollector metrics;
    private readonly IClientAnnouncements? announcements;
    private readonly DataPlaneDependencies dataPlaneDependencies;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private readonly string clientId;
    private readonly ConnectionUri? parsedUri;
    private readonly string maskedUri;
    private readonly List<IActorRef> openRequesters = [];
    private readonly List<IActorRef> closeRequesters = [];

    private ClientState state = ClientState.Initialized;
    private bool desiredOpen;
    private long operation;
    private volatile IConnectionClient? client;
    private ClientDataPlane? dataPlane;
    private CancellationTokenSource? operationCancellation;
    private ClientBackoff backoff;
    private string status = LiveStatus.Closed;
    private string recoveryStatus = RecoveryStatus.Unknown;
    private string statusDetails = "client is initialized";
    private DateTimeOffset inStateSince;

    private ClientActor(
        Connection connection,
        int clientIndex,
        IConnectionClientFactory factory,
        ClientActorSettings settings,
        ConnectionLogger connectionLogger,
        ConnectionMetricsCollector metrics,
        IClientAnnouncements? announcements,
        ILoggerFactory loggerFactory,
        DataPlaneDependencies? dataPlane)
    {
        this.connection = connection;
        this.clientIndex = clientIndex;
        this.factory = factory;
        this.settings = settings;
        this.connectionLogger = connectionLogger;
        this.metrics = metrics;
        this.announcements = announcements;
        dataPlaneDependencies = dataPlane ?? DataPlaneDependencies.Isolated();
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<ClientActor>();
        timeProvider = Context.System.TimeProvider;
        clientId = settings.ClientId(clientIndex);
        parsedUri = ConnectionUri.TryParse(connection.Uri, out var parsed) ? parsed : null;
        maskedUri = parsedUri?.Masked ?? "<unparsable uri>";
        backoff = ClientBackoff.Initial(settings);
        inStateSince = timeProvider.GetUtcNow();
    }

    /// <summary>
    /// Props of client <paramref name="clientIndex"/> of <paramref name="connection"/>; its client is created by
    /// <paramref name="factory"/>. Consumed messages and signals for its targets go through a data plane over
    /// <paramref name="dataPlane"/> (null: an isolated one); announcements go to <paramref name="announcements"/>, or,
    /// when null, through the data plane to the connection's own announcement targets.
    /// </summary>
    public static Props Props(
        Connection connection,
        int clientIndex,
        IConnectionClientFactory factory,
        ClientActorSettings settings,
        ConnectionLogger logger,
        ConnectionMetricsCollector metrics,
        IClientAnnouncements? announcements,
        ILoggerFactory loggerFactory,
        DataPlaneDependencies? dataPlane = null) =>
        Actors.Props.Create(() => new ClientActor(connection, clientIndex, factory, settings, logger, metrics, announcements, loggerFactory, dataPlane));

    /// <summary>Where announcements go: the given ones, else the data plane (once started).</summary>
    private IClientAnnouncements Announcements => announcements ?? (IClientAnnouncements?)dataPlane ?? NoClientAnnouncements.Instance;

    protected override ValueTask OnReceive(object message)
    {
        switch (message)
        {
            case OpenClient:
                Open();
                break;
            case CloseClient:
                Close();
                break;
            case TestClient:
                Test();
                break;
            case RetrieveClientStatus:
                Sender.Tell(StatusReport(), Self);
                break;
            case RetrieveClientMetrics:
                Sender.Tell(metrics.Snapshot(), Self);
                break;
            case ResetClientMetrics:
                metrics.Reset();
                break;
            case RetrieveClientLogs:
                Sender.Tell(connectionLogger.Retrieve(DittoHeaders.Empty), Self);
                break;
            case EnableClientLogs:
                connectionLogger.Enable();
                break;
            case ResetClientLogs:
                connectionLogger.Clear();
                break;
            case IOperationResult result when result.Operation != operation:
                ClientActorLog.StaleResultIgnored(logger, connection.Id, clientId, result.GetType().Name, result.Operation, operation);
                break;
            case IOperationResult result:
                OnOperationResult(result);
                break;
            default:
                Unhandled(message);
                break;
        }

        return default;
    }

    protected override async ValueTask PostStop()
    {
        NextOperation();
        if (client is { } current)
        {
            client = null;
            try
            {
                await current.DisposeAsync().AsTask().WaitAsync(settings.DisconnectingMaxTimeout, timeProvider).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                ClientActorLog.DisposeFailed(logger, connection.Id, clientId, Mask(e.Message));
            }
        }

        if (dataPlane is { } started)
        {
            dataPlane = null;
            await started.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnOperationResult(IOperationResult result)
    {
        switch (result)
        {
            case ConnectSucceeded:
                OnConnected();
                break;
            case ConnectFailed failed:
                OnConnectFailed(failed.Cause);
                break;
            case ConnectTimedOut timedOut:
                OnConnectFailed(ConnectionFailureException.Failed(
                    $"Connecting to {maskedUri} timed out after {Format(timedOut.Timeout)}."));
                break;
            case Reconnect:
                OnReconnect();
                break;
            case ConnectionLost lost:
                OnConnectionLost(lost.Cause);
                break;
            case AnnouncementWaitOver:
                StartDisconnect();
                break;
            case Disconnected disconnected:
                OnDisconnected(disconnected.Error);
                break;
            case DisconnectTimedOut:
                OnDisconnected($"Disconnecting timed out after {Format(settings.DisconnectingMaxTimeout)}.");
                break;
            case TestSucceeded:
                OnTestFinished(null);
                break;
            case TestFailed testFailed:
                OnTestFinished(testFailed.Cause);
                break;
            case TestTimedOut:
                OnTestFinished(ConnectionFailureException.Failed(
                    $"Connecting to {maskedUri} timed out after {Format(settings.TestingTimeout)}."));
                break;
        }
    }

    /// <summary>Supersedes the running operation: its pending results and timers are ignored from now on.</summary>
    private long NextOperation()
    {
        operation++;
        Context.Timers.CancelAll();
        operationCancellation?.Cancel();
        operationCancellation = new CancellationTokenSource();
        return operation;
    }

    private void Enter(ClientState newState, string newStatus, string newRecoveryStatus, string details)
    {
        state = newState;
        status = newStatus;
        recoveryStatus = newRecoveryStatus;
        statusDetails = details;
        inStateSince = timeProvider.GetUtcNow();
    }

    /// <summary>Runs <paramref name="work"/> off the actor and tells the actor its outcome.</summary>
    private void RunOffActor(Func<CancellationToken, Task> work, IOperationResult onSuccess, Func<Exception, IOperationResult> onFailure)
    {
        var self = Self;
        var cancellationToken = operationCancellation!.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                await work(cancellationToken).ConfigureAwait(false);
                self.Tell(onSuccess);
            }
            catch (Exception e)
            {
                self.Tell(onFailure(e));
            }
        });
    }

    /// <summary>Disposes the current client off the actor.</summary>
    private void DiscardClient()
    {
        if (client is not { } discarded)
        {
            return;
        }

        client = null;
        var log = logger;
        var connectionId = connection.Id;
        var name = clientId;
        _ = Task.Run(async () =>
        {
            try
            {
                await discarded.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                ClientActorLog.DisposeFailed(log, connectionId, name, Mask(e.Message));
            }
        });
    }

    private ClientContext NewClientContext(long clientOperation)
    {
        var self = Self;
        return new ClientContext(
            connection.Id,
            clientIndex,
            clientId,
            loggerFactory,
            timeProvider,
            cause => self.Tell(new ConnectionLost(clientOperation, cause)),
            connectionLogger,
            dataPlane!.Inbound);
    }

    /// <summary>Replaces the URI's password in <paramref name="text"/> (e.g. an exception message) by <c>*****</c>.</summary>
    private string Mask(string text)
    {
        if (parsedUri?.Password is not { Length: > 0 } password)
        {
            return text;
        }

        return text
            .Replace(connection.Uri, maskedUri, StringComparison.Ordinal)
            .Replace(parsedUri.ToString(), maskedUri, StringComparison.Ordinal)
            .Replace($":{password}@", ":*****@", StringComparison.Ordinal)
            .Replace($":{Uri.EscapeDataString(password)}@", ":*****@", StringComparison.Ordinal);
    }

    private static string Format(TimeSpan duration) =>
        duration.TotalSeconds >= 1 && duration.Milliseconds == 0
            ? $"{duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s"
            : $"{duration.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} ms";
}
