namespace Connectivity.Actors;

/// <summary>The sentinel behind <see cref="ActorRefs.NoSender"/>; messages told to it are dropped.</summary>
internal sealed class NoSenderActorRef : IActorRef
{
    public ActorPath Path { get; } = ActorPath.Root.Child("noSender");

    public void Tell(object message, IActorRef? sender = null)
    {
    }

    public override string ToString() => Path.ToString();
}
