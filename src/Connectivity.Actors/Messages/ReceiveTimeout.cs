namespace Connectivity.Actors;

/// <summary>Delivered after the inactivity period set by <see cref="IActorContext.SetReceiveTimeout"/>.</summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout()
    {
    }

    public static readonly ReceiveTimeout Instance = new();
}
