using Connectivity.Actors;

namespace Connectivity.Bench;

/// <summary>Keeps a fixed number of balls in flight to its pong partner until the round trips are done.</summary>
internal sealed class PingActor(IActorRef pong, int roundTrips, int inFlight, TaskCompletionSource finished) : ActorBase
{
    public static readonly object Start = new();
    public static readonly object Ball = new();

    private int _sent;
    private int _received;

    protected override ValueTask OnReceive(object message)
    {
        if (message == Start)
        {
            for (var i = 0; i < inFlight && _sent < roundTrips; i++, _sent++)
            {
                pong.Tell(Ball, Self);
            }
        }
        else if (++_received == roundTrips)
        {
            finished.SetResult();
        }
        else if (_sent < roundTrips)
        {
            _sent++;
            pong.Tell(Ball, Self);
        }

        return default;
    }
}
