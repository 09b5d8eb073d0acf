using Connectivity.Actors;
using Connectivity.Cluster.Sharding;
using Connectivity.Model.Errors;
using Connectivity.Model.Events;
using Connectivity.Model.Signals;
using Connectivity.Persistence.Actors;
using Connectivity.Service.Clients;
using Connectivity.Service.Monitoring;
using Microsoft.Extensions.Logging;

namespace Connectivity.Service.Connections;

/// <summary>
/// The event-sourced entity of one connection id (<c>/system/sharding/connection/&lt;shard&gt;/&lt;id&gt;</c>). A thin
/// shell: <see cref="ConnectionCommandDecider"/> decides, <see cref="ConnectionState.Apply"/> changes state, and this
/// actor runs the decided steps in order (spec §4.2), owns the client actors, the connection log and the metrics.
/// Commands are processed one at a time. A connection whose desired status is open reopens after recovery and is
/// never passivated; an idle closed one is.
/// </summary>
public sealed partial class ConnectionPersistenceActor : PersistentActor
{
    private readonly string connectionId;
    private readonly ConnectionActorDependencies dependencies;
    private readonly ConnectionCommandDecider decider;
    private readonly ConnectionLogger connectionLog;
    private readonly ConnectionMetricsCollector metrics;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private ConnectionState state = ConnectionState.Empty;
    private DateTimeOffset lastActivity;
    private bool passivating;

    public ConnectionPersistenceActor(string connectionId, ConnectionActorDependencies dependencies, TimeProvider time)
    {
        this.connectionId = connectionId;
        this.dependencies = dependencies;
        this.time = time;
        decider = new ConnectionCommandDecider(dependencies.Validator, dependencies.DataPlane.Mapping, time);
        connectionLog = new ConnectionLogger(connectionId, dependencies.LoggerOptions, time, dependencies.LogPublisher);
        metrics = new ConnectionMetricsCollector(time);
        logger = dependencies.LoggerFactory.CreateLogger<ConnectionPersistenceActor>();
        lastActivity = time.GetUtcNow();
    }

    public static Props Props(string connectionId, ConnectionActorDependencies dependencies, TimeProvider time) =>
        Actors.Props.Create(() => new ConnectionPersistenceActor(connectionId, dependencies, time));

    protected override string PersistenceId => ConnectionJournalTags.PersistenceIdOf(connectionId);

    protected override IEventAdapter EventAdapter => ConnectionEventAdapter.Instance;

    protected override void ApplyEvent(object evt) => state = state.Apply((IConnectivityEvent)evt);

    protected override IReadOnlyList<string> TagsFor(object evt)
    {
        var connectivityEvent = (IConnectivityEvent)evt;
        return ConnectionJournalTags.For(connectivityEvent, state.Apply(connectivityEvent));
    }

    protected override (string Manifest, string Payload)? CreateSnapshot() =>
        (ConnectionSnapshot.Manifest, ConnectionSnapshot.ToPayload(state));

    protected override void ApplySnapshot(string manifest, string payload) => state = ConnectionSnapshot.FromPayload(payload);

    protected override async ValueTask OnRecoveryCompleted()
    {
        Context.Timers.StartPeriodicTimer(ActivityCheck.Instance, ActivityCheck.Instance, dependencies.ActivityCheckInterval);
        if (state.DesiredOpen)
        {
            LogReopening(logger, connectionId);
            connectionLog.Enable();
            await StartClientsAndConnectAsync();
        }
    }

    protected override async ValueTask OnReceive(object message)
    {
        switch (message)
        {
            case IConnectionCommand command:
                lastActivity = time.GetUtcNow();
                await RunAsync(decider.Decide(state, command), command, Sender);
                break;
            case ActivityCheck:
                CheckActivity();
                break;
            case PlacementCheck:
                await CheckPlacementAsync();
                break;
            case StartEntity:
            case ClientConnected:
                break;
            case Status.Failure failure:
                LogBackgroundOpenFailed(logger, connectionId, failure.Cause.Message);
                break;
            case Terminated terminated:
                OnClientTerminated(terminated.ActorRef);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>Runs the decided steps in order; a failed open replaces the response that follows it.</summary>
    private async Task RunAsync(ConnectionDecision decision, IConnectionCommand command, IActorRef replyTo)
    {
        DittoRuntimeException? failure = null;
        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case PersistEvents persist:
                    await PersistOrReplyUnavailableAsync(persist, command, replyTo);
                    break;
                case Respond respond:
                    replyTo.Tell(failure is null ? WithCommandHeaders(respond.Response, command) : new ConnectivityErrorResponse(failure, command.Headers), Self);
                    break;
                case OpenClients { IgnoreErrors: true }:
                    await StartClientsAndConnectAsync();
                    break;
                case OpenClients:
                    failure = await OpenClientsAsync();
                    break;
                case CloseClients:
                    await CloseClientsAsync();
                    break;
                case EnableLogging:
                    connectionLog.Enable();
                    TellRemoteClients(EnableClientLogs.Instance);
                    break;
                case DisableLogging:
                    connectionLog.Disable();
                    break;
                case ResetMetrics:
                    metrics.Reset();
                    TellRemoteClients(ResetClientMetrics.Instance);
                    break;
                case ResetLogs:
                    connectionLog.Clear();
                    TellRemoteClients(ResetClientLogs.Instance);
                    break;
                case RetrieveMonitoring retrieve:
                    replyTo.Tell(await RetrieveMonitoringAsync(retrieve.Command), Self);
                    break;
                case TestWithClient test:
                    replyTo.Tell(await TestAsync(test), Self);
                    Context.Parent.Tell(new Passivate(PoisonPill.Instance), Self);
                    break;
                case LogValidationFailure invalid:
                    connectionLog.LogConnectionFailure($"Validation failed: {invalid.Error.Message}");
                    break;
                default:
                    throw new InvalidOperationException($"Unknown connection action {action}.");
            }
        }
    }

    /// <summary>
    /// Persists; when the journal refuses (this node lost the shard's lease, or the database is unreachable) the caller
    /// is told at once that the connection is unavailable, and the failure restarts the actor, which recovers from the journal.
    /// </summary>
    private async Task PersistOrReplyUnavailableAsync(PersistEvents persist, IConnectionCommand command, IActorRef replyTo)
    {
        try
        {
            await PersistAsync(persist.Events.Cast<object>().ToList());
        }
        catch (Exception e)
        {
            LogPersistFailed(logger, connectionId, e.Message);
            replyTo.Tell(new ConnectivityErrorResponse(ConnectivityErrors.ConnectionUnavailable(connectionId, e.Message), command.Headers), Self);
            throw;
        }
    }

    private static IConnectivityResponse WithCommandHeaders(IConnectivityResponse response, IConnectionCommand command) =>
        response is ConnectivityErrorResponse error ? error with { Headers = command.Headers } : response;

    private void CheckActivity()
    {
        var now = time.GetUtcNow();
        connectionLog.DisableIfExpired(now);
        if (!passivating && !state.DesiredOpen && clients.Count == 0 && now - lastActivity >= dependencies.PassivateAfter)
        {
            passivating = true;
            Context.Parent.Tell(new Passivate(PoisonPill.Instance), Self);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId}: the journal refused the write ({Reason}); restarting from the journal")]
    private static partial void LogPersistFailed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} failed to open; reconnecting with backoff: {Reason}")]
    private static partial void LogBackgroundOpenFailed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} should be open: reopening it after recovery")]
    private static partial void LogReopening(ILogger logger, string connectionId);

    /// <summary>Timer tick: passivation and log-expiry check.</summary>
    private sealed class ActivityCheck
    {
        public static readonly ActivityCheck Instance = new();
    }
}
