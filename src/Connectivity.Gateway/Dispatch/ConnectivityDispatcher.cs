using Connectivity.Actors;
using Connectivity.Model.Errors;
using Connectivity.Model.Signals;
using Connectivity.Service;

namespace Connectivity.Gateway.Dispatch;

/// <summary>
/// Sends commands from the HTTP endpoints to the actors that handle them and turns every outcome
/// (response, failure, timeout) into an <see cref="IConnectivityResponse"/>.
/// </summary>
public sealed class ConnectivityDispatcher(ActorSystem system)
{
    /// <summary>The actor path that handles a command when no explicit selection is given.</summary>
    public static string DefaultTargetOf(IConnectivityCommand command) =>
        command is IConnectionCommand ? ConnectivityPaths.ConnectionShardRegion : ConnectivityPaths.ConnectionIdsRetrieval;

    /// <summary>Resolves an actor path; null when no live actor has that path.</summary>
    public IActorRef? Resolve(string path) => system.ResolvePath(path);

    /// <summary>Asks the default handler of <paramref name="command"/>.</summary>
    public Task<IConnectivityResponse?> AskAsync(IConnectivityCommand command, TimeSpan timeout, CancellationToken ct) =>
        Resolve(DefaultTargetOf(command)) is { } target
            ? AskAsync(target, command, timeout, ct)
            : Task.FromResult<IConnectivityResponse?>(Unavailable(command));

    /// <summary>Asks <paramref name="target"/>; null when nothing answered within <paramref name="timeout"/>.</summary>
    public async Task<IConnectivityResponse?> AskAsync(IActorRef target, IConnectivityCommand command, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            return ConnectivityReplies.ToResponse(await target.Ask(command, timeout, ct), command.Headers);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
        catch (DittoRuntimeException error)
        {
            return new ConnectivityErrorResponse(error, command.Headers);
        }
    }

    private static ConnectivityErrorResponse Unavailable(IConnectivityCommand command) =>
        new(new DittoRuntimeException(503, "connectivity:connection.unavailable", $"The handler of '{command.Type}' is not running; try again later."), command.Headers);
}
