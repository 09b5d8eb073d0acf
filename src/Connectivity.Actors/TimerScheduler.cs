namespace Connectivity.Actors;

/// <summary>
/// An actor's keyed timers. Used only from the actor's thread; each start bumps a generation so that a message of a
/// cancelled or replaced timer, already in the mailbox, is recognised and dropped.
/// </summary>
internal sealed class TimerScheduler(IActorRef self, TimeProvider timeProvider) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];
    private long _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) =>
        Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, message, interval, interval);
    }

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry))
        {
            entry.Timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Timer.Dispose();
        }

        _timers.Clear();
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    /// <summary>True when <paramref name="message"/> belongs to a live timer; a single timer is then done.</summary>
    public bool Accept(TimerMessage message)
    {
        if (!_timers.TryGetValue(message.Key, out var entry) || entry.Generation != message.Generation)
        {
            return false;
        }

        if (!entry.Periodic)
        {
            _timers.Remove(message.Key);
            entry.Timer.Dispose();
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var timer = timeProvider.CreateTimer(
            static state => ((TimerMessage)state!).Target.Tell(state!),
            new TimerMessage(key, generation, message, self),
            dueTime,
            period);
        _timers[key] = new Entry(generation, timer, period != Timeout.InfiniteTimeSpan);
    }

    private readonly record struct Entry(long Generation, ITimer Timer, bool Periodic);
}
