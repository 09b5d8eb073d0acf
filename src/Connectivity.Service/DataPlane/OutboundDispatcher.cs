using System.Threading.Channels;
using Connectivity.Model.Connections;
using Connectivity.Model.Protocol;
using Connectivity.Service.Mapping;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// The outbound data plane of one client (spec §1.10, §7.1, §8): signals the router offers wait in a bounded queue
/// (<see cref="QueueCapacity"/>; when it is full the signal is dropped and counted so); one loop takes them in order
/// and, for every target subscribed to the signal's topic, counts it dispatched, applies the target's namespaces and
/// filter (<c>filtered</c>), maps it with the target's mappers, resolves header mapping and address, and publishes it
/// through the client's publisher with at most <see cref="MaxInFlight"/> publishes awaiting their acknowledgement.
/// </summary>
public sealed class OutboundDispatcher : IOutboundSignalSink, IAsyncDisposable
{
    public const int QueueCapacity = 1000;
    public const int MaxInFlight = 100;

    private readonly Connection connection;
    private readonly ConnectionMappers mappers;
    private readonly Func<IMessagePublisher?> publisher;
    private readonly DataPlaneMonitoring monitoring;
    private readonly TimeProvider time;
    private readonly TargetSubscription[] targets;
    private readonly Channel<DittoProtocolMessage> queue;
    private readonly SemaphoreSlim inFlight = new(MaxInFlight, MaxInFlight);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    /// <param name="publisher">The client's current publisher; null while it is not connected.</param>
    public OutboundDispatcher(
        Connection connection, ConnectionMappers mappers, Func<IMessagePublisher?> publisher, DataPlaneMonitoring monitoring, TimeProvider time)
    {
        this.connection = connection;
        this.mappers = mappers;
        this.publisher = publisher;
        this.monitoring = monitoring;
        this.time = time;
        targets = [.. connection.Targets.Select(t => new TargetSubscription(t))];
        queue = Channel.CreateBounded<DittoProtocolMessage>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
        loop = Task.Run(RunAsync);
    }

    /// <summary>The base topics the connection's targets subscribe to.</summary>
    public IReadOnlySet<string> Topics => targets.SelectMany(t => t.BaseTopics).ToHashSet(StringComparer.Ordinal);

    public void Offer(DittoProtocolMessage signal)
    {
        if (queue.Writer.TryWrite(signal))
        {
            return;
        }

        foreach (var target in targets.Where(t => t.IsSubscribed(signal)))
        {
            monitoring.Dropped(target.Target, signal, $"Signal dropped: the outbound queue of {QueueCapacity} signals is full.", failure: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopping.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var signal in queue.Reader.ReadAllAsync(stopping.Token).ConfigureAwait(false))
            {
                foreach (var target in targets)
                {
                    if (target.IsSubscribed(signal))
                    {
                        await DispatchAsync(target, signal).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task DispatchAsync(TargetSubscription subscription, DittoProtocolMessage signal)
    {
        var target = subscription.Target;
        monitoring.Dispatched(target, signal);
        if (subscription.Check(signal) is { } filtered)
        {
            monitoring.Filtered(target, signal, filtered);
            return;
        }

        foreach (var mapping in mappers.MapOutgoing(target, signal))
        {
            if (mapping.Failure is { } failure)
            {
                monitoring.MappingFailed(target, signal, mapping.MapperId, failure);
            }
            else if (mapping.Skipped)
            {
                monitoring.Dropped(target, signal, $"Signal dropped: {mapping.SkipReason}.", failure: false);
            }
            else if (mapping.Dropped)
            {
                monitoring.Dropped(target, signal, $"Signal dropped: payload mapping '{mapping.MapperId}' returned no message.", failure: false);
            }
            else
            {
                monitoring.Mapped(target, signal);
                foreach (var message in mapping.Messages)
                {
                    await PublishAsync(target, signal, message).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task PublishAsync(Target target, DittoProtocolMessage signal, OutboundExternalMessage mapped)
    {
        if (OutboundPlaceholders.ResolveAddress(target, signal, connection.Id, time, out var problem) is not { } address)
        {
            monitoring.Dropped(target, signal, $"Signal dropped: the target address '{target.Address}' could not be resolved: {problem}.", failure: true);
            return;
        }

        if (publisher() is not { } current)
        {
            monitoring.Dropped(target, signal, "Signal dropped: the client is not connected.", failure: true);
            return;
        }

        var message = OutboundPlaceholders.ApplyHeaderMapping(mapped, target, signal, connection.Id, time);
        await inFlight.WaitAsync(stopping.Token).ConfigureAwait(false);
        ValueTask<PublishOutcome> publishing;
        try
        {
            publishing = current.PublishAsync(new PublishRequest(target, address, message), stopping.Token);
        }
        catch
        {
            inFlight.Release();
            throw;
        }

        _ = AwaitOutcomeAsync(publishing, target, signal, address);
    }

    private async Task AwaitOutcomeAsync(ValueTask<PublishOutcome> publishing, Target target, DittoProtocolMessage signal, string address)
    {
        try
        {
            monitoring.Published(target, signal, address, await publishing.ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            monitoring.Published(target, signal, address, new PublishOutcome(false, 503, e.Message));
        }
        finally
        {
            inFlight.Release();
        }
    }
}
