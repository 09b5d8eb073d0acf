using System.Diagnostics.CodeAnalysis;

namespace Connectivity.Model.Connections;

/// <summary>Wire names of <see cref="ConnectivityStatus"/>: <c>open</c>, <c>closed</c>, <c>failed</c>, <c>misconfigured</c>, <c>unknown</c>.</summary>
public static class ConnectivityStatuses
{
    public static string ToWire(this ConnectivityStatus status) =>
        status switch
        {
            ConnectivityStatus.Open => "open",
            ConnectivityStatus.Closed => "closed",
            ConnectivityStatus.Failed => "failed",
            ConnectivityStatus.Misconfigured => "misconfigured",
            ConnectivityStatus.Unknown => "unknown",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };

    public static bool TryParse([NotNullWhen(true)] string? wire, out ConnectivityStatus status)
    {
        foreach (var candidate in Enum.GetValues<ConnectivityStatus>())
        {
            if (string.Equals(candidate.ToWire(), wire, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary><c>failed</c> and <c>misconfigured</c> are failure states.</summary>
    public static bool IsFailure(this ConnectivityStatus status) =>
        status is ConnectivityStatus.Failed or ConnectivityStatus.Misconfigured;
}
