namespace Connectivity.Actors;

/// <summary>
/// A hierarchy of actors: the root <c>/</c>, the guardians <c>/user</c> and <c>/system</c>, the dead-letter sink
/// and the event stream.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private int _terminating;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        DeadLetterSink = new DeadLetterActorRef(this);
        var guardianProps = Props.Create(() => new GuardianActor());
        _root = new ActorCell(this, null, guardianProps, ActorPath.Root) { Stopped = NewStoppedSignal() };
        _root.Start();
        _userGuardian = _root.CreateChild(guardianProps, "user", validateName: false, NewStoppedSignal());
        _systemGuardian = _root.CreateChild(guardianProps, "system", validateName: false, NewStoppedSignal());
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    public TimeProvider TimeProvider => Settings.TimeProvider;

    public EventStream EventStream { get; } = new();

    /// <summary>The sink at <c>/deadLetters</c>; it publishes <see cref="DeadLetter"/> on the event stream.</summary>
    public IActorRef DeadLetters => DeadLetterSink;

    internal DeadLetterActorRef DeadLetterSink { get; }

    /// <summary>Completes when <see cref="Terminate"/> has stopped every actor.</summary>
    public Task WhenTerminated => _terminated.Task;

    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        settings ??= new ActorSystemSettings();
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.DefaultThroughput, 1, nameof(settings));
        return new ActorSystem(name, settings);
    }

    /// <summary>Creates a top-level actor at <c>/user/&lt;name&gt;</c>.</summary>
    public IActorRef ActorOf(Props props, string name) =>
        _userGuardian.CreateChild(props, name, validateName: true, stopped: null).Self;

    /// <summary>Creates a system actor at <c>/system/&lt;name&gt;</c>.</summary>
    public IActorRef SystemActorOf(Props props, string name) =>
        _systemGuardian.CreateChild(props, name, validateName: true, stopped: null).Self;

    /// <summary>The live actor at <paramref name="path"/> (e.g. <c>/user/a/b</c>), or null.</summary>
    public IActorRef? ResolvePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var elements = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (elements is ["deadLetters"])
        {
            return DeadLetters;
        }

        var cell = _root;
        foreach (var element in elements)
        {
            cell = cell.GetChild(element);
            if (cell is null)
            {
                return null;
            }
        }

        return cell.IsDead ? null : cell.Self;
    }

    /// <summary>Stops a local actor from outside the hierarchy (children first, PostStop, then watchers are told).</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is LocalActorRef local)
        {
            local.Cell.RequestStop();
        }
    }

    /// <summary>Stops <c>/user</c>, then <c>/system</c>, each children first, and completes <see cref="WhenTerminated"/>.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            _ = StopAll();
        }

        return WhenTerminated;
    }

    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    private async Task StopAll()
    {
        foreach (var cell in new[] { _userGuardian, _systemGuardian, _root })
        {
            cell.RequestStop();
            await cell.Stopped!.Task.ConfigureAwait(false);
        }

        _terminated.TrySetResult();
    }

    private static TaskCompletionSource NewStoppedSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override string ToString() => Name;
}
