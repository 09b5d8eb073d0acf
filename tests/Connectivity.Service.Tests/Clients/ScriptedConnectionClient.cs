using Connectivity.Model.Connections;
using Connectivity.Model.Monitoring;
using Connectivity.Service.Clients;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Tests.Clients;

/// <summary>
/// A connection whose outcome the test decides: <see cref="ConnectAsync"/> waits until the test calls
/// <see cref="Succeed"/> or <see cref="Fail"/> (or the token is cancelled, unless <see cref="IgnoreCancellation"/>).
/// </summary>
public sealed class ScriptedConnectionClient(Connection connection, ClientContext context) : IConnectionClient
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource connectOutcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource connectCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClientContext Context => context;

    public bool IgnoreCancellation { get; init; }

    /// <summary>What <see cref="Publisher"/> returns once the connect succeeded, until disconnected or disposed.</summary>
    public IMessagePublisher? ScriptedPublisher { get; set; }

    public IMessagePublisher? Publisher =>
        connectOutcome.Task.IsCompletedSuccessfully && !disconnected.Task.IsCompleted && !disposed.Task.IsCompleted ? ScriptedPublisher : null;

    public Task Disconnected => disconnected.Task.WaitAsync(Patience);

    public Task Disposed => disposed.Task.WaitAsync(Patience);

    public Task ConnectCancelled => connectCancelled.Task.WaitAsync(Patience);

    /// <summary>Whether <see cref="DisconnectAsync"/> was called.</summary>
    public bool WasDisconnected => disconnected.Task.IsCompleted;

    public void Succeed() => connectOutcome.TrySetResult();

    public void Fail(Exception cause) => connectOutcome.TrySetException(cause);

    /// <summary>Reports a broken connection to the client actor, as a protocol client would.</summary>
    public void LoseConnection(Exception cause) => context.OnConnectionLost(cause);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        // Not disposed on purpose: disposing could unregister the callback before a concurrent cancellation ran it.
        cancellationToken.Register(() => connectCancelled.TrySetResult());
        if (IgnoreCancellation)
        {
            await connectOutcome.Task;
        }
        else
        {
            await connectOutcome.Task.WaitAsync(cancellationToken);
        }
    }

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        disconnected.TrySetResult();
        return Task.CompletedTask;
    }

    public IReadOnlyList<ResourceStatus> SourceStatuses() =>
        [.. connection.Sources.SelectMany(s => s.Addresses).Select(a => new ResourceStatus(ResourceType.Source, context.ClientId, a, LiveStatus.Open, StatusDetails: "Consumer started."))];

    public IReadOnlyList<ResourceStatus> TargetStatuses() =>
        [.. connection.Targets.Select(t => new ResourceStatus(ResourceType.Target, context.ClientId, t.Address, LiveStatus.Open))];

    public ValueTask DisposeAsync()
    {
        disposed.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
