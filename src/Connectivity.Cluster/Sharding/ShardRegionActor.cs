using Connectivity.Actors;

namespace Connectivity.Cluster.Sharding;

/// <summary>
/// The entry point of a sharded entity type (Akka's ShardRegion): routes each message by its entity id to the shard
/// <c>stableHash(id) % NumberOfShards</c>. A local shard is a child named by the shard id, which runs the entity. In
/// cluster mode a shard whose lease another node holds gets the message forwarded to that node's region, and a shard
/// without a known owner (hand-off, failover) keeps its messages here until it has one: they are delayed, not lost.
/// Remembered entities start when their shard starts on this node.
/// </summary>
public sealed class ShardRegionActor(ShardRegionSettings settings) : ActorBase
{
    private readonly Dictionary<string, List<Buffered>> waiting = [];
    private readonly HashSet<string> handingOff = [];
    private readonly Dictionary<IActorRef, (string ShardId, IActorRef ReplyTo)> handOffs = [];
    private readonly Dictionary<IActorRef, string> restarting = [];
    private readonly List<IActorRef> flushRequests = [];

    public static Props Props(ShardRegionSettings settings) => Actors.Props.Create(() => new ShardRegionActor(settings));

    protected override ValueTask PreStart()
    {
        if (settings.Cluster is null)
        {
            StartRememberedEntities(shardId: null);
        }
        else
        {
            Context.Timers.StartPeriodicTimer(RetryTick.Instance, RetryTick.Instance, settings.RetryInterval);
        }

        return default;
    }

    protected override ValueTask OnReceive(object message)
    {
        switch (message)
        {
            case RememberedEntitiesLoaded loaded:
                foreach (var id in loaded.EntityIds)
                {
                    Route(id, new StartEntity(id), ActorRefs.NoSender);
                }

                break;
            case Status.Failure failure:
                throw new InvalidOperationException("Loading the remembered entities failed.", failure.Cause);
            case ShardHomed homed when restarting.ContainsValue(homed.ShardId):
                // The shard of the lost lease is still stopping; it starts again once it has stopped.
                break;
            case ShardHomed homed:
                StartShard(homed.ShardId);
                break;
            case ShardLostLocally lost when Context.Child(lost.ShardId) is { } lostShard:
                // Its entities may hold state that the next lease holder supersedes: stop them at once; messages for the
                // shard wait until it has stopped, then go to whoever holds the lease (this node again, or another).
                handingOff.Add(lost.ShardId);
                restarting[Context.Watch(lostShard)] = lost.ShardId;
                Context.Stop(lostShard);
                break;
            case ShardLostLocally:
                break;
            case Terminated terminated when restarting.Remove(terminated.ActorRef, out var stopped):
                StartShard(stopped);
                break;
            case HandOffShard handOff:
                HandOff(handOff.ShardId);
                break;
            case Terminated terminated when handOffs.Remove(terminated.ActorRef, out var pending):
                pending.ReplyTo.Tell(new ShardHandedOff(pending.ShardId), Self);
                break;
            case RetryTick:
                RetryWaiting();
                AnswerFlushRequests();
                break;
            case FlushWaiting:
                flushRequests.Add(Sender);
                AnswerFlushRequests();
                break;
            case ForwardFailed failed:
                Wait(failed.ShardId, new Buffered(failed.EntityId, failed.Message, failed.Sender, failed.Deadline));
                break;
            case StartEntity start:
                Route(start.EntityId, start, Sender);
                break;
            case ShardingEnvelope { Deadline: { } deadline } envelope:
                Route(new Buffered(envelope.EntityId, envelope.Message, Sender, deadline));
                break;
            case ShardingEnvelope envelope:
                Route(envelope.EntityId, envelope.Message, Sender);
                break;
            default:
                if (settings.ExtractEntityId(message) is { } entityId)
                {
                    Route(entityId, message, Sender);
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

    private void Route(string entityId, object message, IActorRef sender) =>
        Route(new Buffered(entityId, message, sender, Context.System.TimeProvider.GetUtcNow() + TimeoutOf(message)));

    private TimeSpan TimeoutOf(object message) => settings.MessageTimeout(message) ?? settings.DefaultMessageTimeout;

    private void Route(Buffered item)
    {
        var shardId = StableHash.ShardOf(item.EntityId, settings.NumberOfShards);
        var isLocal = settings.Cluster is not { } cluster || cluster.Locator.IsLocal(shardId);
        if (!isLocal)
        {
            // A shard handed off earlier is released by now: from here on its owner is another node.
            handingOff.Remove(shardId);
        }

        if (Context.System.TimeProvider.GetUtcNow() > item.Deadline)
        {
            // Its sender has stopped waiting: acting on it now could apply an old command after newer ones.
            Context.System.DeadLetters.Tell(item.Message, item.Sender);
        }
        else if (isLocal && !handingOff.Contains(shardId))
        {
            var shard = Context.Child(shardId) ?? Context.ActorOf(ShardActor.Props(settings.EntityProps), shardId);
            shard.Tell(new ShardingEnvelope(item.EntityId, item.Message, item.Deadline), item.Sender);
        }
        else if (!isLocal && settings.Cluster!.Value.Locator.OwnerAddress(shardId) is { } owner)
        {
            Forward(settings.Cluster.Value.Remote, owner, shardId, item);
        }
        else
        {
            Wait(shardId, item);
        }
    }

    private void Forward(IRemoteRegion remote, string owner, string shardId, Buffered item)
    {
        var self = Self;
        var regionPath = Self.Path.ToString();
        var time = Context.System.TimeProvider;
        _ = Task.Run(async () =>
        {
            try
            {
                var remaining = item.Deadline - time.GetUtcNow();
                if (remaining > TimeSpan.Zero)
                {
                    await remote.ForwardAsync(owner, regionPath, new ShardingEnvelope(item.EntityId, item.Message, item.Deadline), item.Sender, remaining);
                }
            }
            catch (Exception)
            {
                self.Tell(new ForwardFailed(shardId, item.EntityId, item.Message, item.Sender, item.Deadline));
            }
        });
    }

    private void Wait(string shardId, Buffered item)
    {
        if (!waiting.TryGetValue(shardId, out var list))
        {
            waiting[shardId] = list = [];
        }

        list.Add(item);
    }

    /// <summary>Routes every waiting message again; those whose sender stopped waiting go to dead letters.</summary>
    private void RetryWaiting()
    {
        if (waiting.Count == 0)
        {
            return;
        }

        var items = waiting.Values.SelectMany(list => list).ToList();
        waiting.Clear();
        foreach (var item in items)
        {
            Route(item);
        }
    }

    private void AnswerFlushRequests()
    {
        if (waiting.Count == 0)
        {
            foreach (var requester in flushRequests)
            {
                requester.Tell(WaitingFlushed.Instance, Self);
            }

            flushRequests.Clear();
        }
    }

    private void HandOff(string shardId)
    {
        handingOff.Add(shardId);
        if (Context.Child(shardId) is { } shard)
        {
            handOffs[Context.Watch(shard)] = (shardId, Sender);
            shard.Tell(DrainAndStop.Instance, Self);
        }
        else
        {
            Sender.Tell(new ShardHandedOff(shardId), Self);
        }
    }

    private void StartShard(string shardId)
    {
        handingOff.Remove(shardId);
        StartRememberedEntities(shardId);
        RetryWaiting();
    }

    private void StartRememberedEntities(string? shardId)
    {
        var self = Self;
        _ = Task.Run(async () =>
        {
            try
            {
                var ids = await settings.RememberedEntities(CancellationToken.None);
                self.Tell(new RememberedEntitiesLoaded(
                    shardId is null ? ids : ids.Where(id => StableHash.ShardOf(id, settings.NumberOfShards) == shardId).ToList()));
            }
            catch (Exception e)
            {
                self.Tell(new Status.Failure(e));
            }
        });
    }

    private sealed record Buffered(string EntityId, object Message, IActorRef Sender, DateTimeOffset Deadline);

    private sealed record RememberedEntitiesLoaded(IReadOnlyList<string> EntityIds);

    private sealed record ForwardFailed(string ShardId, string EntityId, object Message, IActorRef Sender, DateTimeOffset Deadline);

    private sealed class RetryTick
    {
        public static readonly RetryTick Instance = new();
    }
}
