using Connectivity.Actors;
using Connectivity.Persistence.Journal;

namespace Connectivity.Service.Root;

/// <summary>
/// <c>/user/connectivityRoot</c>: the parent of the service-wide actors (id retrieval now; encryption migration
/// later). In cluster mode it runs as a singleton.
/// </summary>
public sealed class ConnectivityRootActor(IJournal journal) : ActorBase
{
    public static Props Props(IJournal journal) => Actors.Props.Create(() => new ConnectivityRootActor(journal));

    protected override ValueTask PreStart()
    {
        Context.ActorOf(ConnectionIdsRetrievalActor.Props(journal), ConnectivityPaths.ConnectionIdsRetrievalName);
        return default;
    }

    protected override ValueTask OnReceive(object message)
    {
        Unhandled(message);
        return default;
    }
}
