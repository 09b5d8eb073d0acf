namespace Connectivity.Actors;

/// <summary>A message that reached no live actor.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>A message an actor passed to <c>Unhandled</c>.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>An actor threw; <paramref name="Message"/> is what it was processing, if anything.</summary>
public sealed record ActorError(ActorPath Path, Exception Exception, object? Message);
