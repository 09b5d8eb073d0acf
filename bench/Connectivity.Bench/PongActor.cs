using Connectivity.Actors;

namespace Connectivity.Bench;

/// <summary>Returns every message to its sender.</summary>
internal sealed class PongActor : ActorBase
{
    protected override ValueTask OnReceive(object message)
    {
        Sender.Tell(message, Self);
        return default;
    }
}
