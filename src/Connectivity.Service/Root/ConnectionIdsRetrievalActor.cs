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
/// In cluster mode it is a singleton: on the node that does not hold the singleton lease it forwards to the node that
/// does. While no node holds it (a hand-off, a failover) or the holder cannot be reached, commands wait here, as behind
/// Akka's singleton proxy, and are routed again until their timeout; only then the sender gets a 503.
/// </summary>
public sealed class ConnectionIdsRetrievalActor(IJournal journal, RootSingleton? singleton) : ActorBase
{
    /// <summary>How long a command waits for the singleton when its headers name no timeout (the piggyback default).</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How often waiting commands look for the singleton again.</summary>
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    private readonly List<Pending> waiting = [];

    public static Props Props(IJournal journal, RootSingleton? singleton) =>
        Actors.Props.Create(() => new ConnectionIdsRetrievalActor(journal, singleton));

    protected override ValueTask OnReceive(object message)
    {
        switch (message)
        {
            case IConnectivityCommand command:
                Route(new Pending(command, Sender, Now + (command.Headers.Timeout ?? DefaultTimeout)));
                break;
            case RetryTick:
                var retries = waiting.ToList();
                waiting.Clear();
                retries.ForEach(Route);
                break;
            case Pending failedForward:
                Wait(failedForward);
                break;
            default:
                Unhandled(message);
                break;
        }

        return default;
    }

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    private void Route(Pending pending)
    {
        if (singleton is null || singleton.Locator.IsLocal(RootSingleton.ShardId))
        {
            Answer(pending.Command, pending.Sender);
        }
        else if (Now > pending.Deadline)
        {
            pending.Sender.Tell(new ConnectivityErrorResponse(
                new DittoRuntimeException(503, "connectivity:connection.unavailable",
                    "The connection id retrieval is moving to another node or its node is unreachable; try again."),
                pending.Command.Headers), Self);
        }
        else if (singleton.Locator.OwnerAddress(RootSingleton.ShardId) is { } owner)
        {
            Forward(owner, pending);
        }
        else
        {
            Wait(pending);
        }
    }

    private void Wait(Pending pending)
    {
        waiting.Add(pending);
        Context.Timers.StartSingleTimer(RetryTick.Instance, RetryTick.Instance, RetryInterval);
    }

    private void Forward(string owner, Pending pending)
    {
        var (self, path, time) = (Self, Self.Path.ToString(), Context.System.TimeProvider);
        _ = Task.Run(async () =>
        {
            try
            {
                await singleton!.Remote.ForwardAsync(owner, path, pending.Command, pending.Sender, pending.Deadline - time.GetUtcNow());
            }
            catch (Exception)
            {
                // Queries are read-only: asking again (the same node once it is back, or the next holder) is safe.
                self.Tell(pending, self);
            }
        });
    }

    private void Answer(IConnectivityCommand command, IActorRef sender)
    {
        switch (command)
        {
            case RetrieveAllConnectionIds all:
                Reply(all, sender, async ct => new RetrieveAllConnectionIdsResponse(await IdsTaggedAsync(ConnectionJournalTags.Active, ct), all.Headers));
                break;
            case SudoRetrieveConnectionIdsByTag byTag:
                Reply(byTag, sender, async ct => new SudoRetrieveConnectionIdsByTagResponse(await IdsTaggedAsync(byTag.Tag, ct), byTag.Headers));
                break;
            default:
                sender.Tell(new ConnectivityErrorResponse(
                    ConnectivityErrors.SignalIllegal($"The command '{command.Type}' cannot be handled by {ConnectivityPaths.ConnectionIdsRetrieval}."),
                    command.Headers), Self);
                break;
        }
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

    /// <summary>A command waiting for the singleton, with the sender to answer and the time its sender stops waiting.</summary>
    private sealed record Pending(IConnectivityCommand Command, IActorRef Sender, DateTimeOffset Deadline);

    private sealed class RetryTick
    {
        public static readonly RetryTick Instance = new();
    }
}
