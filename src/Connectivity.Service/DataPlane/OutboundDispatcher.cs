using System.Threading.Channels;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Protocol;
using Connectivity.Service.Mapping;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// The outbound data plane of one client (spec §1.10, §7.1, §8): signals the router offers wait in a bounded queue
/// (<see cref="QueueCapacity"/>; while it is full the offer waits, which holds back the consuming source's
/// acknowledgements, and only a queue full for <see cref="EnqueueTimeout"/> drops the signal, counted so); one loop takes them in order
/// and, for every target subscribed to the signal's topic, counts it dispatched, applies the target's namespaces and
/// filter (<c>filtered</c>), maps it with the target's mappers, resolves header mapping and address, and publishes it
/// through the client's publisher with at most <see cref="MaxInFlight"/> publishes awaiting their acknowledgement.
/// Responses to commands this client consumed take the same queue to the consuming source's reply target, mapped by
/// the source's mappers and accounted under <see cref="DataPlaneMonitoring.ResponsesAddress"/>.
/// </summary>
public sealed class OutboundDispatcher : IOutboundSignalSink, IResponseSink, IAsyncDisposable
{
    public const int QueueCapacity = 1000;
    public const int MaxInFlight = 100;

    /// <summary>How long an offer waits for room in a full queue before the signal is dropped.</summary>
    public static readonly TimeSpan EnqueueTimeout = TimeSpan.FromSeconds(10);

    private static readonly string QueueFull = $"Signal dropped: the outbound queue of {QueueCapacity} signals is full.";

    private readonly Connection connection;
    private readonly ConnectionMappers mappers;
    private readonly Func<IMessagePublisher?> publisher;
    private readonly DataPlaneMonitoring monitoring;
    private readonly TimeProvider time;
    private readonly TimeSpan enqueueTimeout;
    private readonly TargetSubscription[] targets;
    private readonly Channel<OutboundWork> queue;
    private readonly SemaphoreSlim inFlight = new(MaxInFlight, MaxInFlight);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    /// <param name="publisher">The client's current publisher; null while it is not connected.</param>
    /// <param name="enqueueTimeout">How long an offer waits for room in the full queue; <see cref="EnqueueTimeout"/> by default.</param>
    public OutboundDispatcher(
        Connection connection,
        ConnectionMappers mappers,
        Func<IMessagePublisher?> publisher,
        DataPlaneMonitoring monitoring,
        TimeProvider time,
        TimeSpan? enqueueTimeout = null)
    {
        this.enqueueTimeout = enqueueTimeout ?? EnqueueTimeout;
        this.connection = connection;
        this.mappers = mappers;
        this.publisher = publisher;
        this.monitoring = monitoring;
        this.time = time;
        targets = [.. connection.Targets.Select(t => new TargetSubscription(t))];
        queue = Channel.CreateBounded<OutboundWork>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
        loop = Task.Run(RunAsync);
    }

    /// <summary>The base topics the connection's targets subscribe to.</summary>
    public IReadOnlySet<string> Topics => targets.SelectMany(t => t.BaseTopics).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Queues <paramref name="signal"/>; while the queue is full, waits up to <see cref="EnqueueTimeout"/> for room
    /// (backpressure), then drops the signal and counts it for every target subscribed to it.
    /// </summary>
    public ValueTask OfferAsync(DittoProtocolMessage signal, CancellationToken cancellationToken)
    {
        var work = new OutboundWork(signal, null);
        return queue.Writer.TryWrite(work) ? ValueTask.CompletedTask : WaitForRoomAsync(work, cancellationToken);
    }

    public void OfferResponse(DittoProtocolMessage response, PendingResponse pending)
    {
        if (!queue.Writer.TryWrite(new OutboundWork(response, pending)))
        {
            monitoring.Dropped(ResponseTarget(pending.Source), response, QueueFull, failure: true);
        }
    }

    private async ValueTask WaitForRoomAsync(OutboundWork work, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        timeout.CancelAfter(enqueueTimeout);
        try
        {
            await queue.Writer.WriteAsync(work, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            var reason = cancellationToken.IsCancellationRequested || stopping.IsCancellationRequested
                ? "Signal dropped: the client stopped while the outbound queue was full."
                : $"Signal dropped: the outbound queue of {QueueCapacity} signals stayed full for {enqueueTimeout.TotalSeconds} s.";
            foreach (var target in targets.Where(t => t.IsSubscribed(work.Signal)))
            {
                monitoring.Dropped(target.Target, work.Signal, reason, failure: true);
            }
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
            await foreach (var (signal, response) in queue.Reader.ReadAllAsync(stopping.Token).ConfigureAwait(false))
            {
                if (response is not null)
                {
                    await RespondAsync(signal, response).ConfigureAwait(false);
                    continue;
                }

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

        await MapAndPublishAsync(target, target.Address, signal).ConfigureAwait(false);
    }

    /// <summary>
    /// A response to the reply target of the source that consumed its command: resolved over the response's headers
    /// and, under them, the command's (e.g. <c>reply-to</c>), if the reply target expects its type.
    /// </summary>
    private async Task RespondAsync(DittoProtocolMessage response, PendingResponse pending)
    {
        var replyTarget = pending.Source.ReplyTarget!;
        var target = ResponseTarget(pending.Source);
        var headers = DittoHeaders.Of(pending.CommandHeaders.Concat(response.Headers).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Select(g => g.Last()));
        var merged = response with { Headers = headers };
        monitoring.Dispatched(target, merged);
        var type = response.Kind == SignalKind.Error || response.Status >= 400 ? "error" : "response";
        if (!replyTarget.ExpectedResponseTypes.Contains(type, StringComparer.Ordinal))
        {
            monitoring.Filtered(target, merged, $"Response filtered out: the reply target expects [{string.Join(", ", replyTarget.ExpectedResponseTypes)}], not '{type}'.");
            return;
        }

        await MapAndPublishAsync(target, replyTarget.Address, merged).ConfigureAwait(false);
    }

    private async Task MapAndPublishAsync(Target target, string address, DittoProtocolMessage signal)
    {
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
                    await PublishAsync(target, address, signal, message).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task PublishAsync(Target target, string addressTemplate, DittoProtocolMessage signal, OutboundExternalMessage mapped)
    {
        if (OutboundPlaceholders.ResolveAddress(addressTemplate, signal, connection.Id, time, out var problem) is not { } address)
        {
            monitoring.Dropped(target, signal, $"Signal dropped: the address '{addressTemplate}' could not be resolved: {problem}.", failure: true);
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

    /// <summary>The reply target of <paramref name="source"/> as a target: the source's mappers, the reply target's header mapping.</summary>
    private static Target ResponseTarget(Source source) => new()
    {
        Address = DataPlaneMonitoring.ResponsesAddress,
        Qos = source.Qos,
        AuthorizationContext = source.AuthorizationContext,
        HeaderMapping = source.ReplyTarget?.HeaderMapping ?? new Dictionary<string, string>(),
        PayloadMapping = source.PayloadMapping,
    };

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

    private readonly record struct OutboundWork(DittoProtocolMessage Signal, PendingResponse? Response);
}
