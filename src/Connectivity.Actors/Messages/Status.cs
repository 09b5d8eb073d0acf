namespace Connectivity.Actors;

/// <summary>Conventional replies for operations that succeed or fail; a <see cref="Failure"/> reply makes a typed ask throw.</summary>
public static class Status
{
    public sealed record Success(object? Value);

    public sealed record Failure(Exception Cause);
}
