namespace Connectivity.Actors;

/// <summary>A user-mailbox message the actor cell handles itself before (or instead of) the behaviour.</summary>
internal interface IAutoReceivedMessage;
