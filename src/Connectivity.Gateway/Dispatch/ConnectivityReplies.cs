using Connectivity.Actors;
using Connectivity.Model.Errors;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Gateway.Dispatch;

/// <summary>Turns whatever an actor answered (a response, a failure, anything else) into an <see cref="IConnectivityResponse"/>.</summary>
public static class ConnectivityReplies
{
    public static IConnectivityResponse ToResponse(object reply, DittoHeaders headers) => reply switch
    {
        IConnectivityResponse response => response,
        Status.Failure { Cause: DittoRuntimeException error } => new ConnectivityErrorResponse(error, headers),
        Status.Failure failure => new ConnectivityErrorResponse(ConnectivityErrors.InternalError(failure.Cause.Message), headers),
        _ => new ConnectivityErrorResponse(
            new DittoRuntimeException(409, "connectivity:signal.illegal", $"The actor answered with a non-command reply: {reply}"), headers),
    };
}
