namespace Connectivity.Actors;

/// <summary>
/// Publish/subscribe by type. Handlers run synchronously on the publishing thread, so they must be quick
/// and thread-safe; a handler that throws does not disturb the publisher or the other handlers.
/// </summary>
public sealed class EventStream
{
    private Subscription[] _subscriptions = [];

    public IDisposable Subscribe<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, typeof(T), evt => handler((T)evt));
        Update(current => [.. current, subscription]);
        return subscription;
    }

    public void Publish(object evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.EventType.IsInstanceOfType(evt))
            {
                try
                {
                    subscription.Handler(evt);
                }
                catch (Exception)
                {
                    // A faulty subscriber must not break the actor that published.
                }
            }
        }
    }

    private void Update(Func<Subscription[], Subscription[]> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _subscriptions);
            if (Interlocked.CompareExchange(ref _subscriptions, change(current), current) == current)
            {
                return;
            }
        }
    }

    private sealed class Subscription(EventStream owner, Type eventType, Action<object> handler) : IDisposable
    {
        public Type EventType { get; } = eventType;

        public Action<object> Handler { get; } = handler;

        public void Dispose() => owner.Update(current => Array.FindAll(current, s => s != this));
    }
}
