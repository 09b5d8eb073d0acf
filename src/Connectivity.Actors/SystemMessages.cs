namespace Connectivity.Actors;

/// <summary>Messages of the system mailbox, processed before any user message.</summary>
internal abstract record SystemMessage;

/// <summary>Create the instance and run PreStart.</summary>
internal sealed record Create : SystemMessage
{
    public static readonly Create Instance = new();
}

/// <summary>Stop: children first, then PostStop, then tell watchers and parent.</summary>
internal sealed record Terminate : SystemMessage
{
    public static readonly Terminate Instance = new();
}

/// <summary>Resume after a failure.</summary>
internal sealed record Resume : SystemMessage
{
    public static readonly Resume Instance = new();
}

/// <summary>Restart after a failure.</summary>
internal sealed record Recreate(Exception Cause) : SystemMessage;

/// <summary><paramref name="Watcher"/> wants a notification when the recipient stops.</summary>
internal sealed record Watch(ActorCell Watcher) : SystemMessage;

internal sealed record Unwatch(ActorCell Watcher) : SystemMessage;

/// <summary>A watched actor stopped.</summary>
internal sealed record DeathWatchNotification(IActorRef Actor) : SystemMessage;

/// <summary>A child failed and is suspended until its supervisor decides.</summary>
internal sealed record Failed(ActorCell Child, Exception Cause) : SystemMessage;

/// <summary>A child finished stopping.</summary>
internal sealed record ChildTerminated(ActorCell Child) : SystemMessage;
