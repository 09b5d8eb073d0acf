namespace Connectivity.Service.Mapping;

/// <summary>
/// A message could not be mapped (Ditto's <c>connectivity:message.mapping.failed</c>): the payload is not what the
/// mapper expects, a script failed, timed out or returned something that is not a message. The message says why and
/// is meant for the connection log; the mapper stays usable for the next message.
/// </summary>
public sealed class MessageMappingException : Exception
{
    /// <summary>Ditto's error code for a runtime mapping failure.</summary>
    public const string ErrorCode = "connectivity:message.mapping.failed";

    public MessageMappingException()
    {
    }

    public MessageMappingException(string message)
        : base(message)
    {
    }

    public MessageMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
