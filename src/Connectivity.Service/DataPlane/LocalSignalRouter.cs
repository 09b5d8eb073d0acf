using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// The router of one node: the subscriptions of the clients running here. On its own it is the router of single-node
/// mode; in cluster mode <see cref="ClusterSignalRouter"/> adds the other nodes' subscriptions to it.
/// </summary>
public sealed class LocalSignalRouter(TimeProvider time) : ISignalRouter
{
    private readonly Lock gate = new();
    private readonly List<SignalSubscription> subscriptions = [];
    private readonly ResponseRoutes responses = new(time);
    private volatile SignalRoutingTable table = SignalRoutingTable.Empty;

    /// <summary>Raised after a subscription was added or removed (on the thread that changed it).</summary>
    public event Action? Changed;

    /// <summary>The subscriptions of this node's clients.</summary>
    public IReadOnlyList<SignalSubscription> Subscriptions
    {
        get
        {
            lock (gate)
            {
                return [.. subscriptions];
            }
        }
    }

    public IDisposable Subscribe(SignalSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (gate)
        {
            subscriptions.Add(subscription);
            table = SignalRoutingTable.Build(subscriptions);
        }

        Changed?.Invoke();
        return new Unsubscriber(this, subscription);
    }

    public ValueTask<int> RouteAsync(DittoProtocolMessage signal, CancellationToken cancellationToken) => table.RouteAsync(signal, cancellationToken);

    public void ExpectResponse(string correlationId, PendingResponse pending) => responses.Expect(correlationId, pending);

    public bool RouteResponse(DittoProtocolMessage response) => responses.TryComplete(response);

    /// <summary>Hands <paramref name="signal"/> to client <paramref name="clientIndex"/> of a connection running here; false if it does not.</summary>
    public async ValueTask<bool> DeliverAsync(string connectionId, int clientIndex, DittoProtocolMessage signal, CancellationToken cancellationToken)
    {
        if (table.ClientOf(connectionId, clientIndex) is not { } target)
        {
            return false;
        }

        await target.Sink.OfferAsync(signal, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private void Remove(SignalSubscription subscription)
    {
        lock (gate)
        {
            var index = subscriptions.FindIndex(s => ReferenceEquals(s, subscription));
            if (index < 0)
            {
                return;
            }

            subscriptions.RemoveAt(index);

            table = SignalRoutingTable.Build(subscriptions);
        }

        Changed?.Invoke();
    }

    private sealed class Unsubscriber(LocalSignalRouter router, SignalSubscription subscription) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                router.Remove(subscription);
            }
        }
    }
}
