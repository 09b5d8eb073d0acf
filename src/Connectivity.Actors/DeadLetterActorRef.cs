namespace Connectivity.Actors;

/// <summary>The sink at <c>/deadLetters</c>: everything told to it is published as a <see cref="DeadLetter"/>.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system) : IActorRef
{
    public ActorPath Path { get; } = ActorPath.Root.Child("deadLetters");

    public void Tell(object message, IActorRef? sender = null) => Publish(message, sender, this);

    /// <summary>Publishes <paramref name="message"/> as undeliverable to <paramref name="recipient"/>.</summary>
    public void Publish(object message, IActorRef? sender, IActorRef recipient)
    {
        switch (message)
        {
            case DeadLetter letter:
                system.EventStream.Publish(letter);
                break;
            case TimerMessage or ReceiveTimeoutTick:
                break;
            default:
                system.EventStream.Publish(new DeadLetter(message, sender is null or NoSenderActorRef ? this : sender, recipient));
                break;
        }
    }

    public override string ToString() => Path.ToString();
}
