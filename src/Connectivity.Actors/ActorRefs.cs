namespace Connectivity.Actors;

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>Passed as sender when there is none; the recipient then sees <see cref="ActorSystem.DeadLetters"/> as its sender.</summary>
    public static readonly IActorRef NoSender = new NoSenderActorRef();
}
