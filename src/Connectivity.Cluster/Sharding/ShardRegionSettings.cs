using Connectivity.Actors;

namespace Connectivity.Cluster.Sharding;

/// <summary>
/// How a shard region creates and addresses its entities.
/// </summary>
/// <param name="EntityProps">Props of the entity with the given id.</param>
/// <param name="ExtractEntityId">The entity id a message is for, or null when the region cannot route it.</param>
/// <param name="RememberedEntities">Ids of entities to start when their shard starts here (e.g. connections that should be open).</param>
/// <param name="NumberOfShards">Fixed number of shards; must never change for a given journal.</param>
/// <param name="Unroutable">Reply for a message the region cannot route (sent back to its sender); null drops it to dead letters.</param>
public sealed record ShardRegionSettings(
    Func<string, Props> EntityProps,
    Func<object, string?> ExtractEntityId,
    Func<CancellationToken, Task<IReadOnlyList<string>>> RememberedEntities,
    int NumberOfShards = 100,
    Func<object, object?>? Unroutable = null)
{
    /// <summary>Cluster mode: where shards live and how to reach other nodes; null in single-node mode (every shard is local).</summary>
    public (IShardLocator Locator, IRemoteRegion Remote)? Cluster { get; init; }

    /// <summary>How often messages waiting for a shard without a known owner are routed again.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long the sender of a message waits for it (e.g. a command's <c>timeout</c> header): a message is forwarded
    /// with that deadline and given up (to dead letters) when it waited for a shard owner longer. Default 60 s.
    /// </summary>
    public Func<object, TimeSpan?> MessageTimeout { get; init; } = _ => null;

    /// <summary>The deadline of messages for which <see cref="MessageTimeout"/> gives none.</summary>
    public TimeSpan DefaultMessageTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
