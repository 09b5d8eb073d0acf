using Connectivity.Model.Monitoring;

namespace Connectivity.Service.Clients;

/// <summary>Marker of the commands a <see cref="ClientActor"/> accepts from its connection actor.</summary>
public interface IClientCommand;

/// <summary>
/// Connect and keep connected (desired status open). Replied with <see cref="ClientConnected"/> once connected, or
/// with a <c>Status.Failure</c> carrying a <c>DittoRuntimeException</c> when the first attempt fails; reconnecting with
/// backoff goes on in the background.
/// </summary>
public sealed record OpenClient : IClientCommand
{
    public static OpenClient Instance { get; } = new();
}

/// <summary>Announce the close, disconnect and stay disconnected; replied with <see cref="ClientClosed"/>.</summary>
public sealed record CloseClient : IClientCommand
{
    public static CloseClient Instance { get; } = new();
}

/// <summary>
/// Connect once within the testing timeout and disconnect again; replied with <see cref="ClientTestSucceeded"/> or a
/// <c>Status.Failure</c> carrying a <c>DittoRuntimeException</c>.
/// </summary>
public sealed record TestClient : IClientCommand
{
    public static TestClient Instance { get; } = new();
}

/// <summary>Replied with a <see cref="ClientStatusReport"/>.</summary>
public sealed record RetrieveClientStatus : IClientCommand
{
    public static RetrieveClientStatus Instance { get; } = new();
}

/// <summary>Replied with this client's <see cref="ConnectionMetricsReport"/>.</summary>
public sealed record RetrieveClientMetrics : IClientCommand
{
    public static RetrieveClientMetrics Instance { get; } = new();
}

/// <summary>Sets this client's metric counters to zero; not replied.</summary>
public sealed record ResetClientMetrics : IClientCommand
{
    public static ResetClientMetrics Instance { get; } = new();
}

/// <summary>
/// Replied with this client's <see cref="RetrieveConnectionLogsResponse"/> (entries, enabledSince, enabledUntil); a
/// retrieval extends the logging period (spec §5.2).
/// </summary>
public sealed record RetrieveClientLogs : IClientCommand
{
    public static RetrieveClientLogs Instance { get; } = new();
}

/// <summary>Enables this client's connection log for the configured log duration; not replied.</summary>
public sealed record EnableClientLogs : IClientCommand
{
    public static EnableClientLogs Instance { get; } = new();
}

/// <summary>Drops this client's connection log entries; not replied.</summary>
public sealed record ResetClientLogs : IClientCommand
{
    public static ResetClientLogs Instance { get; } = new();
}

/// <summary>Reply to <see cref="OpenClient"/>: the client named <paramref name="ClientId"/> is connected.</summary>
public sealed record ClientConnected(string ClientId);

/// <summary>Reply to <see cref="CloseClient"/>: the client named <paramref name="ClientId"/> is disconnected.</summary>
public sealed record ClientClosed(string ClientId);

/// <summary>Reply to <see cref="TestClient"/>: the client named <paramref name="ClientId"/> could connect.</summary>
public sealed record ClientTestSucceeded(string ClientId);

/// <summary>
/// Reply to <see cref="RetrieveClientStatus"/>: one client status and the statuses of the client's source consumers
/// and target publishers (spec §3.5). Sources and targets are empty while the desired status is not open.
/// </summary>
public sealed record ClientStatusReport(ResourceStatus Client, IReadOnlyList<ResourceStatus> Sources, IReadOnlyList<ResourceStatus> Targets);
