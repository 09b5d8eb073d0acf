namespace Connectivity.Model.Protocol;

/// <summary>
/// A Ditto Protocol envelope or topic that cannot be read; the message says which field is missing or
/// invalid and is meant for the connection log.
/// </summary>
public sealed class DittoProtocolException : Exception
{
    public DittoProtocolException()
    {
    }

    public DittoProtocolException(string message)
        : base(message)
    {
    }

    public DittoProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
