namespace Connectivity.Cluster.Sharding;

/// <summary>A message for the entity <paramref name="EntityId"/>; the region routes it to the entity's shard.</summary>
public sealed record ShardingEnvelope(string EntityId, object Message);

/// <summary>Sent by an entity to its shard to be stopped: the shard sends <paramref name="StopMessage"/> and buffers new messages until the entity has stopped.</summary>
public sealed record Passivate(object StopMessage);

/// <summary>Wakes an entity without a command (remembered entities on startup, pings).</summary>
public sealed record StartEntity(string EntityId);
