namespace Connectivity.Actors;

/// <summary>The actor of the root, <c>/user</c> and <c>/system</c>: it only supervises its children.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected override ValueTask OnReceive(object message)
    {
        Unhandled(message);
        return default;
    }
}
