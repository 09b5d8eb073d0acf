namespace Connectivity.Cluster.Sharding;

/// <summary>
/// A message for the entity <paramref name="EntityId"/>; the region routes it to the entity's shard. <paramref name="Deadline"/>
/// is when its sender stops waiting: set once where the message entered the cluster and kept across every hop (a
/// forward to another node, a wait for a shard owner), so that a message held up somewhere is dropped rather than
/// applied after newer ones. Without one the region gives it the message's own timeout from when it arrives.
/// </summary>
public sealed record ShardingEnvelope(string EntityId, object Message, DateTimeOffset? Deadline = null);

/// <summary>Sent by an entity to its shard to be stopped: the shard sends <paramref name="StopMessage"/> and buffers new messages until the entity has stopped.</summary>
public sealed record Passivate(object StopMessage);

/// <summary>Wakes an entity without a command (remembered entities on startup, pings).</summary>
public sealed record StartEntity(string EntityId);

/// <summary>Tells a region that this node now holds the lease of <paramref name="ShardId"/>: start its remembered entities, deliver what waited.</summary>
public sealed record ShardHomed(string ShardId);

/// <summary>Tells a region that this node lost the lease of <paramref name="ShardId"/>: stop the shard at once.</summary>
public sealed record ShardLostLocally(string ShardId);

/// <summary>Asks a region to stop <paramref name="ShardId"/> before its lease is released (graceful hand-off); answered with <see cref="ShardHandedOff"/>.</summary>
public sealed record HandOffShard(string ShardId);

/// <summary>Reply to <see cref="HandOffShard"/>: the shard's entities have stopped.</summary>
public sealed record ShardHandedOff(string ShardId);

/// <summary>Tells a shard to stop its entities after the messages already queued for them, then itself (graceful hand-off).</summary>
public sealed class DrainAndStop
{
    public static readonly DrainAndStop Instance = new();

    private DrainAndStop()
    {
    }
}

/// <summary>Asks a region to answer <see cref="WaitingFlushed"/> once it holds no message waiting for a shard owner (before shutdown).</summary>
public sealed class FlushWaiting
{
    public static readonly FlushWaiting Instance = new();

    private FlushWaiting()
    {
    }
}

/// <summary>Reply to <see cref="FlushWaiting"/>: every waiting message was delivered or forwarded.</summary>
public sealed class WaitingFlushed
{
    public static readonly WaitingFlushed Instance = new();

    private WaitingFlushed()
    {
    }
}
