namespace Connectivity.Actors;

/// <summary>An actor failed while being created or in <c>PreStart</c>; the default strategy stops it.</summary>
public sealed class ActorInitializationException : Exception
{
    public ActorInitializationException()
    {
    }

    public ActorInitializationException(string message)
        : base(message)
    {
    }

    public ActorInitializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
