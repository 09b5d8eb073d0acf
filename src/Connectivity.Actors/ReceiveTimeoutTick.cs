namespace Connectivity.Actors;

/// <summary>The receive-timeout timer fired; stale unless <paramref name="Generation"/> is still the current one.</summary>
internal sealed record ReceiveTimeoutTick(long Generation, IActorRef Target) : IAutoReceivedMessage;
