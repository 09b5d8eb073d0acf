namespace Connectivity.Actors;

/// <summary>The members actors call through <see cref="IActorContext"/>: death watch, stop, become, stash, receive timeout.</summary>
internal sealed partial class ActorCell
{
    private readonly HashSet<ActorCell> _watchers = [];
    private readonly HashSet<IActorRef> _watching = [];

    public IActorRef Watch(IActorRef subject)
    {
        var cell = LocalCellOf(subject);
        if (cell != this && _watching.Add(cell.Self))
        {
            cell.SendSystem(new Watch(this));
        }

        return subject;
    }

    public void Unwatch(IActorRef subject)
    {
        var cell = LocalCellOf(subject);
        if (_watching.Remove(cell.Self))
        {
            cell.SendSystem(new Unwatch(this));
        }
    }

    public void Stop(IActorRef actor)
    {
        var cell = LocalCellOf(actor);
        if (cell == this)
        {
            SendSystem(Terminate.Instance);
        }
        else if (cell.ParentCell == this)
        {
            StopChild(cell);
        }
        else
        {
            throw new InvalidOperationException($"{Path} can stop only itself or its children, not {actor.Path}.");
        }
    }

    public void Become(Func<object, ValueTask> behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        _behavior = behavior;
    }

    public void UnbecomeToDefault() => _behavior = null;

    public void Stash()
    {
        if (_current.Message is null)
        {
            throw new InvalidOperationException("Stash is possible only while a message is being processed.");
        }

        (_stash ??= []).Add(_current);
    }

    public void UnstashAll()
    {
        if (_stash is not { Count: > 0 })
        {
            return;
        }

        var front = new Queue<Envelope>(_stash);
        if (_unstashed is not null)
        {
            foreach (var envelope in _unstashed)
            {
                front.Enqueue(envelope);
            }
        }

        _unstashed = front;
        _stash.Clear();
    }

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(timeout));
        }

        _receiveTimeout = timeout;
        RescheduleReceiveTimeout();
    }

    private void RescheduleReceiveTimeout()
    {
        _receiveTimeoutTimer?.Dispose();
        _receiveTimeoutTimer = null;
        _receiveTimeoutGeneration++;
        if (_receiveTimeout is { } timeout && !_terminating)
        {
            _receiveTimeoutTimer = System.TimeProvider.CreateTimer(
                static state => ((ReceiveTimeoutTick)state!).Target.Tell(state!),
                new ReceiveTimeoutTick(_receiveTimeoutGeneration, Self),
                timeout,
                Timeout.InfiniteTimeSpan);
        }
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeout = null;
        RescheduleReceiveTimeout();
    }

    private static ActorCell LocalCellOf(IActorRef actor) =>
        (actor as LocalActorRef)?.Cell
        ?? throw new ArgumentException($"{actor?.Path} is not an actor of this process.", nameof(actor));
}
