namespace Connectivity.Actors;

/// <summary>The reference to an actor of this process; one per actor cell, so it survives restarts.</summary>
internal sealed class LocalActorRef(ActorCell cell) : IActorRef
{
    public ActorCell Cell { get; } = cell;

    public ActorPath Path => Cell.Path;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Post(message, sender);
    }

    public override string ToString() => Cell.Path.ToString();
}
