using Connectivity.Model.Connections;
using Connectivity.Model.Events;
using Connectivity.Model.Signals;

namespace Connectivity.Service.Connections;

/// <summary>
/// One step of a command's staged action sequence (spec §4.2). The decider returns the steps in the order the
/// connection actor must run them; effects are data so that the order is testable without actors.
/// </summary>
public abstract record ConnectionAction;

/// <summary>Writes the events to the journal (durable) and applies them to the state.</summary>
public sealed record PersistEvents(IReadOnlyList<IConnectivityEvent> Events) : ConnectionAction;

/// <summary>Replies to the command's sender.</summary>
public sealed record Respond(IConnectivityResponse Response) : ConnectionAction;

/// <summary>Starts the client actors and asks them to connect. With <paramref name="IgnoreErrors"/> the outcome is not awaited (create with status open); otherwise a failure replaces the response.</summary>
public sealed record OpenClients(bool IgnoreErrors) : ConnectionAction;

/// <summary>Closes the client actors (closed announcement, disconnect) and stops them.</summary>
public sealed record CloseClients : ConnectionAction;

/// <summary>Enables the connection log for the configured duration.</summary>
public sealed record EnableLogging : ConnectionAction;

/// <summary>Disables and clears the connection log.</summary>
public sealed record DisableLogging : ConnectionAction;

/// <summary>Sets the connection's metric counters to zero.</summary>
public sealed record ResetMetrics : ConnectionAction;

/// <summary>Drops the connection's log entries.</summary>
public sealed record ResetLogs : ConnectionAction;

/// <summary>Replies with the connection's status (collected from its client actors), metrics or logs.</summary>
public sealed record RetrieveMonitoring(IConnectionCommand Command) : ConnectionAction;

/// <summary>Connects a temporary client once with <paramref name="Connection"/> and replies with the test result; nothing is persisted.</summary>
public sealed record TestWithClient(Connection Connection, IConnectionCommand Command) : ConnectionAction;

/// <summary>Records a failed validation in the connection log, then replies with the error.</summary>
public sealed record LogValidationFailure(Model.Errors.DittoRuntimeException Error) : ConnectionAction;
