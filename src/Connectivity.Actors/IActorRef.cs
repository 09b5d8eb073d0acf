namespace Connectivity.Actors;

/// <summary>An immutable, thread-safe handle to an actor: the only way to send it messages.</summary>
public interface IActorRef
{
    ActorPath Path { get; }

    /// <summary>Enqueues <paramref name="message"/> for the actor; never blocks, never throws for a dead actor.</summary>
    void Tell(object message, IActorRef? sender = null);
}
