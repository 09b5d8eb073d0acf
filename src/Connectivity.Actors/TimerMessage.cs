namespace Connectivity.Actors;

/// <summary>A timer's message on its way to the actor, tagged so a cancelled timer's message can be dropped.</summary>
internal sealed record TimerMessage(object Key, long Generation, object Message, IActorRef Target) : IAutoReceivedMessage;
