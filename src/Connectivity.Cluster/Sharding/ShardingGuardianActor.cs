using Connectivity.Actors;

namespace Connectivity.Cluster.Sharding;

/// <summary><c>/system/sharding</c>: the parent of the shard regions, one child per entity type, named by the type.</summary>
public sealed class ShardingGuardianActor(IReadOnlyDictionary<string, ShardRegionSettings> regions) : ActorBase
{
    public const string Name = "sharding";

    public static Props Props(IReadOnlyDictionary<string, ShardRegionSettings> regions) =>
        Actors.Props.Create(() => new ShardingGuardianActor(regions));

    protected override ValueTask PreStart()
    {
        foreach (var (typeName, settings) in regions)
        {
            Context.ActorOf(ShardRegionActor.Props(settings), typeName);
        }

        return default;
    }

    protected override ValueTask OnReceive(object message)
    {
        Unhandled(message);
        return default;
    }
}
