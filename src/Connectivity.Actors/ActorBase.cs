namespace Connectivity.Actors;

/// <summary>
/// The base of every actor. <see cref="OnReceive"/> is awaited: the next message is processed only after it
/// completes, and <see cref="Sender"/> stays valid across its awaits. Instances are created by the system from
/// <see cref="Props"/>, never with <c>new</c> elsewhere.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Constructing
            ?? throw new InvalidOperationException("Actors are created by an ActorSystem from Props, not with 'new'.");
    }

    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the current message; <see cref="ActorSystem.DeadLetters"/> when it had none.</summary>
    protected IActorRef Sender => _cell.Sender;

    protected abstract ValueTask OnReceive(object message);

    /// <summary>Awaited before the first message.</summary>
    protected virtual ValueTask PreStart() => default;

    /// <summary>Awaited once the actor and all its children have stopped.</summary>
    protected virtual ValueTask PostStop() => default;

    /// <summary>Called on the failed instance before a restart; by default stops all children, then <see cref="PostStop"/>.</summary>
    protected virtual ValueTask PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        return PostStop();
    }

    /// <summary>Called on the new instance after a restart; by default <see cref="PreStart"/>.</summary>
    protected virtual ValueTask PostRestart(Exception reason) => PreStart();

    /// <summary>Publishes <see cref="UnhandledMessage"/> on the event stream.</summary>
    protected void Unhandled(object message) => _cell.PublishUnhandled(message);

    internal ValueTask InvokeReceive(object message) => OnReceive(message);

    internal ValueTask InvokePreStart() => PreStart();

    internal ValueTask InvokePostStop() => PostStop();

    internal ValueTask InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal ValueTask InvokePostRestart(Exception reason) => PostRestart(reason);
}
