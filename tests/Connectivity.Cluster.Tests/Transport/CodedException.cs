namespace Connectivity.Cluster.Tests.Transport;

/// <summary>An error with a code that must survive the trip between nodes.</summary>
public sealed class CodedException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
