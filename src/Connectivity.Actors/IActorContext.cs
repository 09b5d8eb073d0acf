namespace Connectivity.Actors;

/// <summary>An actor's view of itself and the system; use it only from within the actor.</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the current message; <see cref="ActorSystem.DeadLetters"/> when it had none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    /// <summary>Keyed timers that deliver messages to this actor; all are cancelled on stop and restart.</summary>
    ITimerScheduler Timers { get; }

    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>Creates a child; a null name is generated (<c>$a</c>, <c>$b</c>, ...). A live duplicate name throws <see cref="InvalidActorNameException"/>.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    IActorRef? Child(string name);

    /// <summary>Delivers <see cref="Terminated"/> once when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    void Unwatch(IActorRef subject);

    /// <summary>Stops this actor or one of its children: children first, then PostStop, then watchers and parent are told.</summary>
    void Stop(IActorRef actor);

    /// <summary>Handles the following messages with <paramref name="behavior"/> instead of OnReceive.</summary>
    void Become(Func<object, ValueTask> behavior);

    void UnbecomeToDefault();

    /// <summary>Sets the current message aside until <see cref="UnstashAll"/>.</summary>
    void Stash();

    /// <summary>Puts the stashed messages in front of the mailbox, in their original order.</summary>
    void UnstashAll();

    /// <summary>Delivers <see cref="ReceiveTimeout.Instance"/> after this much inactivity; null switches it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);
}
