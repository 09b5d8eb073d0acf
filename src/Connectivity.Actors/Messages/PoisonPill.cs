namespace Connectivity.Actors;

/// <summary>Stops the recipient once the messages queued before it have been processed.</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    private PoisonPill()
    {
    }

    public static readonly PoisonPill Instance = new();
}
