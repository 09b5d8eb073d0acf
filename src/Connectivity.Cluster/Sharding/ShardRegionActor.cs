using Connectivity.Actors;

namespace Connectivity.Cluster.Sharding;

/// <summary>
/// The entry point of a sharded entity type (Akka's ShardRegion): routes each message by its entity id to the shard
/// <c>stableHash(id) % NumberOfShards</c>, a child named by the shard id, which runs the entity. On start it wakes the
/// remembered entities. Single-node form: every shard is local.
/// </summary>
public sealed class ShardRegionActor(ShardRegionSettings settings) : ActorBase
{
    public static Props Props(ShardRegionSettings settings) => Actors.Props.Create(() => new ShardRegionActor(settings));

    protected override ValueTask PreStart()
    {
        var self = Self;
        _ = Task.Run(async () =>
        {
            try
            {
                self.Tell(new RememberedEntitiesLoaded(await settings.RememberedEntities(CancellationToken.None)));
            }
            catch (Exception e)
            {
                self.Tell(new Status.Failure(e));
            }
        });
        return default;
    }

    protected override ValueTask OnReceive(object message)
    {
        switch (message)
        {
            case RememberedEntitiesLoaded loaded:
                foreach (var id in loaded.EntityIds)
                {
                    Route(id, new StartEntity(id));
                }

                break;
            case Status.Failure failure:
                throw new InvalidOperationException("Loading the remembered entities failed.", failure.Cause);
            case StartEntity start:
                Route(start.EntityId, start);
                break;
            case ShardingEnvelope envelope:
                Route(envelope.EntityId, envelope.Message);
                break;
            default:
                if (settings.ExtractEntityId(message) is { } entityId)
                {
                    Route(entityId, message);
                }
                else if (settings.Unroutable?.Invoke(message) is { } reply)
                {
                    Sender.Tell(reply, Self);
                }
                else
                {
                    Unhandled(message);
                }

                break;
        }

        return default;
    }

    private void Route(string entityId, object message)
    {
        var shardId = StableHash.ShardOf(entityId, settings.NumberOfShards);
        var shard = Context.Child(shardId) ?? Context.ActorOf(ShardActor.Props(settings.EntityProps), shardId);
        shard.Tell(new ShardingEnvelope(entityId, message), Sender);
    }

    private sealed record RememberedEntitiesLoaded(IReadOnlyList<string> EntityIds);
}
