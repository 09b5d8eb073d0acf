using System.Collections.Concurrent;

namespace Connectivity.Actors;

/// <summary>
/// The machinery behind one actor: two mailboxes (system before user), lock-free scheduling on the thread pool
/// with a per-turn throughput limit, and the actor's instance, behaviour and state. Everything except
/// <see cref="Post"/>, <see cref="SendSystem"/> and the children registry runs on one thread at a time.
/// </summary>
internal sealed partial class ActorCell : IActorContext, IThreadPoolWorkItem
{
    [ThreadStatic]
    private static ActorCell? t_constructing;

    private readonly ConcurrentQueue<SystemMessage> _systemMailbox = new();
    private readonly ConcurrentQueue<Envelope> _userMailbox = new();
    private readonly Action<IThreadPoolWorkItem>? _dispatcher;
    private readonly Action _resume;
    private readonly int _throughput;
    private int _scheduled;
    private int _dead;
    private ValueTask _pending;
    private ActorBase? _actor;
    private Func<object, ValueTask>? _behavior;
    private IActorRef _currentSender;
    private Envelope _current;
    private bool _suspended;
    private bool _terminating;
    private Queue<Envelope>? _unstashed;
    private List<Envelope>? _stash;
    private TimerScheduler? _timers;
    private TimeSpan? _receiveTimeout;
    private ITimer? _receiveTimeoutTimer;
    private long _receiveTimeoutGeneration;

    public ActorCell(ActorSystem system, ActorCell? parent, Props props, ActorPath path)
    {
        System = system;
        ParentCell = parent;
        Props = props;
        Path = path;
        Self = new LocalActorRef(this);
        _throughput = props.Throughput ?? system.Settings.DefaultThroughput;
        _dispatcher = system.Settings.Dispatcher;
        _currentSender = system.DeadLetters;
        _resume = Dispatch;
    }

    /// <summary>The cell whose actor is being constructed on this thread (read by <see cref="ActorBase"/>'s constructor).</summary>
    internal static ActorCell? Constructing => t_constructing;

    public ActorSystem System { get; }

    public ActorCell? ParentCell { get; }

    public Props Props { get; }

    public ActorPath Path { get; }

    public LocalActorRef Self { get; }

    IActorRef IActorContext.Self => Self;

    public IActorRef Sender => _currentSender;

    public IActorRef Parent => ParentCell?.Self ?? (IActorRef)System.DeadLetters;

    public ITimerScheduler Timers => _timers ??= new TimerScheduler(Self, System.TimeProvider);

    public bool IsDead => Volatile.Read(ref _dead) != 0;

    /// <summary>Completed once the actor has fully stopped; created only for cells someone awaits (guardians).</summary>
    public TaskCompletionSource? Stopped { get; init; }

    /// <summary>Enqueues the Create message: the instance is built and PreStart awaited before any user message.</summary>
    public void Start() => SendSystem(Create.Instance);

    /// <summary>Enqueues a user message; from any thread.</summary>
    public void Post(object message, IActorRef? sender)
    {
        _userMailbox.Enqueue(new Envelope(message, sender));
        if (Volatile.Read(ref _dead) != 0)
        {
            DrainUserMailboxToDeadLetters();
            return;
        }

        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            Dispatch();
        }
    }

    /// <summary>Enqueues a system message; from any thread.</summary>
    public void SendSystem(SystemMessage message)
    {
        _systemMailbox.Enqueue(message);
        if (Volatile.Read(ref _dead) != 0)
        {
            DrainSystemMailboxWhenDead();
            return;
        }

        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            Dispatch();
        }
    }

    /// <summary>One scheduling turn: all system messages, then up to the throughput limit of user messages.</summary>
    public void Execute()
    {
        var pending = _pending;
        _pending = default;
        pending.GetAwaiter().GetResult();

        var budget = _throughput;
        while (true)
        {
            if (Volatile.Read(ref _dead) != 0)
            {
                return;
            }

            bool completed;
            if (_systemMailbox.TryDequeue(out var systemMessage))
            {
                completed = Completed(ProcessSystemMessage(systemMessage));
            }
            else if (!_suspended && budget > 0 && TryDequeueUser(out var envelope))
            {
                budget--;
                completed = Completed(Invoke(envelope));
            }
            else
            {
                break;
            }

            if (!completed)
            {
                return;
            }
        }

        if (Volatile.Read(ref _dead) != 0)
        {
            return;
        }

        Volatile.Write(ref _scheduled, 0);
        if (HasWork() && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            Dispatch();
        }
    }

    /// <summary>
    /// True when <paramref name="step"/> has completed; otherwise the turn ends with the scheduled flag kept, so nothing
    /// else runs for this actor until the step completes and a new turn is dispatched.
    /// </summary>
    private bool Completed(ValueTask step)
    {
        if (step.IsCompleted)
        {
            step.GetAwaiter().GetResult();
            return true;
        }

        _pending = step;
        step.GetAwaiter().UnsafeOnCompleted(_resume);
        return false;
    }

    /// <summary>Stops this actor from outside (system termination, <see cref="ActorSystem.Stop"/>).</summary>
    public void RequestStop() => SendSystem(Terminate.Instance);

    private void Dispatch()
    {
        if (_dispatcher is null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        else
        {
            _dispatcher(this);
        }
    }

    private bool HasWork() =>
        !_systemMailbox.IsEmpty || (!_suspended && (_unstashed is { Count: > 0 } || !_userMailbox.IsEmpty));

    private bool TryDequeueUser(out Envelope envelope)
    {
        if (_unstashed is { Count: > 0 })
        {
            envelope = _unstashed.Dequeue();
            return true;
        }

        return _userMailbox.TryDequeue(out envelope);
    }

    /// <summary>Runs the behaviour for one user message; never throws (failures go to the supervisor).</summary>
    private ValueTask Invoke(Envelope envelope)
    {
        var message = envelope.Message;
        if (message is IAutoReceivedMessage)
        {
            switch (message)
            {
                case PoisonPill:
                    return BeginTerminate();
                case TimerMessage timer when _timers is not null && _timers.Accept(timer):
                    message = timer.Message;
                    break;
                case ReceiveTimeoutTick tick when tick.Generation == _receiveTimeoutGeneration && _receiveTimeout is not null:
                    message = ReceiveTimeout.Instance;
                    break;
                default:
                    return default;
            }
        }

        return InvokeBehavior(new Envelope(message, envelope.Sender));
    }

    private ValueTask InvokeBehavior(Envelope envelope)
    {
        _current = envelope;
        _currentSender = envelope.Sender is null or NoSenderActorRef ? System.DeadLetters : envelope.Sender;
        ValueTask result;
        try
        {
            result = _behavior is null ? _actor!.InvokeReceive(envelope.Message) : _behavior(envelope.Message);
        }
        catch (Exception exception)
        {
            AfterMessage();
            Fail(exception, envelope.Message);
            return default;
        }

        if (result.IsCompletedSuccessfully)
        {
            result.GetAwaiter().GetResult();
            AfterMessage();
            return default;
        }

        return AwaitBehavior(result, envelope.Message);
    }

    private async ValueTask AwaitBehavior(ValueTask running, object message)
    {
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            AfterMessage();
            Fail(exception, message);
            return;
        }

        AfterMessage();
    }

    private void AfterMessage()
    {
        _current = default;
        _currentSender = System.DeadLetters;
        if (_receiveTimeout is not null)
        {
            RescheduleReceiveTimeout();
        }
    }

    private void DrainUserMailboxToDeadLetters()
    {
        while (_userMailbox.TryDequeue(out var envelope))
        {
            System.DeadLetterSink.Publish(envelope.Message, envelope.Sender, Self);
        }
    }

    private void DrainSystemMailboxWhenDead()
    {
        while (_systemMailbox.TryDequeue(out var message))
        {
            if (message is Watch watch)
            {
                watch.Watcher.SendSystem(new DeathWatchNotification(Self));
            }
        }
    }

    internal void PublishUnhandled(object message) =>
        System.EventStream.Publish(new UnhandledMessage(message, _currentSender, Self));

    public override string ToString() => Path.ToString();
}
