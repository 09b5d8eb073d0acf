using Connectivity.Actors;
using Connectivity.Persistence.Journal;

namespace Connectivity.Service.Root;

/// <summary>
/// <c>/user/connectivityRoot</c>: the parent of the service-wide actors (id retrieval now; encryption migration
/// later). In cluster mode its children do their work on the node holding the singleton lease only.
/// </summary>
public sealed class ConnectivityRootActor(IJournal journal, RootSingleton? singleton) : ActorBase
{
    public static Props Props(IJournal journal, RootSingleton? singleton) => Actors.Props.Create(() => new ConnectivityRootActor(journal, singleton));

    protected override ValueTask PreStart()
    {
        Context.ActorOf(ConnectionIdsRetrievalActor.Props(journal, singleton), ConnectivityPaths.ConnectionIdsRetrievalName);
        return default;
    }

    protected override ValueTask OnReceive(object message)
    {
        Unhandled(message);
        return default;
    }
}
