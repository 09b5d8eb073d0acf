namespace Connectivity.Actors;

/// <summary>An ask got no reply within its timeout.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException()
    {
    }

    public AskTimeoutException(string message)
        : base(message)
    {
    }

    public AskTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
