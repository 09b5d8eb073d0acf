namespace Connectivity.Service.Clients;

/// <summary>
/// A connect attempt failed. <see cref="IsUserIndicated"/> tells whether the user must fix the connection (bad
/// credentials, TLS or certificate errors, an unresolvable host: status <c>misconfigured</c>) or the failure may go
/// away by itself (refused, reset, timeout, server errors: status <c>failed</c>) (spec §4.5, failure classification).
/// </summary>
public sealed class ConnectionFailureException : Exception
{
    public ConnectionFailureException(string message, bool isUserIndicated, bool isAuthenticationFailure = false, Exception? innerException = null)
        : base(message, innerException)
    {
        IsUserIndicated = isUserIndicated || isAuthenticationFailure;
        IsAuthenticationFailure = isAuthenticationFailure;
    }

    /// <summary>True when the cause lies in the connection's configuration: the status becomes <c>misconfigured</c>.</summary>
    public bool IsUserIndicated { get; }

    /// <summary>True when the peer rejected the credentials; reported as <c>connectivity:connection.unauthorized</c>.</summary>
    public bool IsAuthenticationFailure { get; }

    /// <summary>A transient failure (status <c>failed</c>).</summary>
    public static ConnectionFailureException Failed(string message, Exception? innerException = null) =>
        new(message, isUserIndicated: false, innerException: innerException);

    /// <summary>A failure caused by the configuration (status <c>misconfigured</c>).</summary>
    public static ConnectionFailureException Misconfigured(string message, Exception? innerException = null) =>
        new(message, isUserIndicated: true, innerException: innerException);

    /// <summary>The peer rejected the credentials (status <c>misconfigured</c>, error 401).</summary>
    public static ConnectionFailureException Unauthorized(string message, Exception? innerException = null) =>
        new(message, isUserIndicated: true, isAuthenticationFailure: true, innerException: innerException);
}
