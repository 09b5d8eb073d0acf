namespace Connectivity.Actors;

/// <summary>Delivered once to each watcher of <paramref name="ActorRef"/> when it has stopped.</summary>
public sealed record Terminated(IActorRef ActorRef);
