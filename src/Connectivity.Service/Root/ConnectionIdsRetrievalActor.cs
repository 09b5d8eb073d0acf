using Connectivity.Actors;
using Connectivity.Model.Commands;
using Connectivity.Model.Errors;
using Connectivity.Model.Responses;
using Connectivity.Model.Signals;
using Connectivity.Persistence.Journal;
using Connectivity.Service.Connections;

namespace Connectivity.Service.Root;

/// <summary>
/// Answers <c>retrieveAllConnectionIds</c> and <c>sudoRetrieveConnectionIdsByTag</c> from the journal's tags
/// (<c>/user/connectivityRoot/connectionIdsRetrieval</c>). Queries run off the actor; replies keep their sender.
/// In cluster mode it is a singleton: on the node that does not hold the singleton lease it forwards to the node that does.
/// </summary>
public sealed class ConnectionIdsRetrievalActor(IJournal journal, RootSingleton? singleton) : ActorBase
{
    public static Props Props(IJournal journal, RootSingleton? singleton) =>
        Actors.Props.Create(() => new ConnectionIdsRetrievalActor(journal, singleton));

    protected override ValueTask OnReceive(object message)
    {
        if (singleton is not null && message is IConnectivityCommand command && !singleton.Locator.IsLocal(RootSingleton.ShardId))
        {
            ForwardToSingleton(command);
            return default;
        }

        switch (message)
        {
            case RetrieveAllConnectionIds all:
                Reply(all, Sender, async ct => new RetrieveAllConnectionIdsResponse(await IdsTaggedAsync(ConnectionJournalTags.Active, ct), all.Headers));
                break;
            case SudoRetrieveConnectionIdsByTag byTag:
                Reply(byTag, Sender, async ct => new SudoRetrieveConnectionIdsByTagResponse(await IdsTaggedAsync(byTag.Tag, ct), byTag.Headers));
                break;
            case IConnectivityCommand other:
                Sender.Tell(new ConnectivityErrorResponse(
                    ConnectivityErrors.SignalIllegal($"The command '{other.Type}' cannot be handled by {ConnectivityPaths.ConnectionIdsRetrieval}."),
                    other.Headers), Self);
                break;
            default:
                Unhandled(message);
                break;
        }

        return default;
    }

    private void ForwardToSingleton(IConnectivityCommand command)
    {
        if (singleton!.Locator.OwnerAddress(RootSingleton.ShardId) is not { } owner)
        {
            Sender.Tell(new ConnectivityErrorResponse(
                new DittoRuntimeException(503, "connectivity:connection.unavailable", "The connection id retrieval is moving to another node; try again."),
                command.Headers), Self);
            return;
        }

        var (sender, self, path) = (Sender, Self, Self.Path.ToString());
        _ = Task.Run(async () =>
        {
            try
            {
                await singleton.Remote.ForwardAsync(owner, path, command, sender, command.Headers.Timeout ?? TimeSpan.FromSeconds(60));
            }
            catch (Exception e)
            {
                sender.Tell(new ConnectivityErrorResponse(
                    new DittoRuntimeException(503, "connectivity:connection.unavailable", $"The node running the connection id retrieval is unreachable: {e.Message}"),
                    command.Headers), self);
            }
        });
    }

    private async Task<IReadOnlyList<string>> IdsTaggedAsync(string tag, CancellationToken ct) =>
        (await journal.PersistenceIdsByTagAsync(tag, ct))
            .Where(pid => pid.StartsWith("connection:", StringComparison.Ordinal))
            .Select(ConnectionJournalTags.ConnectionIdOf)
            .ToList();

    private void Reply(IConnectivityCommand command, IActorRef sender, Func<CancellationToken, Task<IConnectivityResponse>> query)
    {
        var self = Self;
        _ = Task.Run(async () =>
        {
            try
            {
                sender.Tell(await query(CancellationToken.None), self);
            }
            catch (Exception e)
            {
                sender.Tell(new ConnectivityErrorResponse(ConnectivityErrors.InternalError($"Retrieving connection ids failed: {e.Message}"), command.Headers), self);
            }
        });
    }
}
