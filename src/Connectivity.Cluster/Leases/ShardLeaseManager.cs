using System.Collections.Immutable;
using System.Globalization;
using Connectivity.Cluster.Membership;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectivity.Cluster.Leases;

/// <summary>
/// Holds the shard leases of one region on this node. Each tick (every <see cref="ClusterOptions.LeaseRenewInterval"/>)
/// it renews the leases it holds, hands off held shards whose rendezvous owner is now another live member (the
/// <c>beforeRelease</c> hook stops the shard, then the lease is released), acquires the shards whose rendezvous
/// owner is this node, and reads who owns every shard for routing.
/// <para>
/// Safety: a held shard whose renewals have failed for <see cref="ClusterOptions.LeaseTtl"/> minus
/// <see cref="ClusterOptions.LeaseSafetyMargin"/> (counted from the start of its last successful renewal, which
/// the database stamped no earlier) is given up with <see cref="ShardLost"/> before the database can let another
/// node take it; a renewal the database refuses gives it up at once. A watchdog timer checks this apart from the
/// ticks, so a hung database call cannot delay it.
/// </para>
/// </summary>
public sealed class ShardLeaseManager : IAsyncDisposable
{
    private readonly IShardLeaseTable table;
    private readonly Func<MembershipSnapshot> membership;
    private readonly ClusterOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ShardLeaseManager> logger;
    private readonly Func<string, Task>? beforeRelease;
    private readonly string[] shardIds;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim tickGate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private ImmutableDictionary<string, ShardLease> held = ImmutableDictionary<string, ShardLease>.Empty;
    private ImmutableDictionary<string, DateTimeOffset> safeUntil = ImmutableDictionary<string, DateTimeOffset>.Empty;
    private ImmutableDictionary<string, string> owners = ImmutableDictionary<string, string>.Empty;
    private Task? loop;
    private ITimer? watchdog;
    private bool stopped;

    /// <param name="region">The shard region (entity type) whose leases this manages.</param>
    /// <param name="numberOfShards">Shards are "0" .. numberOfShards - 1, as <see cref="Sharding.StableHash.ShardOf"/> names them.</param>
    /// <param name="membership">The current membership snapshot, read at every tick.</param>
    /// <param name="beforeRelease">Stops a shard this node hands off, before its lease is released.</param>
    public ShardLeaseManager(
        string region,
        int numberOfShards,
        IShardLeaseTable table,
        Func<MembershipSnapshot> membership,
        ClusterOptions options,
        TimeProvider timeProvider,
        ILogger<ShardLeaseManager> logger,
        Func<string, Task>? beforeRelease = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numberOfShards);
        var validation = new ClusterOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ClusterOptions), validation.Failures);
        }

        Region = region;
        this.table = table;
        this.membership = membership;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.beforeRelease = beforeRelease;
        shardIds = Enumerable.Range(0, numberOfShards).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Raised (on the tick's thread) when this node acquired a shard; start its remembered entities.</summary>
    public event Action<ShardLease>? ShardAcquired;

    /// <summary>
    /// Raised when this node lost a shard involuntarily: its lease was taken, or renewals failed too long (raised
    /// then from the watchdog's thread). Stop the shard at once. Hand-offs go through <c>beforeRelease</c> instead.
    /// </summary>
    public event Action<string>? ShardLost;

    public string Region { get; }

    /// <summary>This node's id, the owner written into its leases.</summary>
    public string NodeId => options.NodeId;

    /// <summary>The leases this node holds by shard id: the fence (owner, epoch) for journal writes of those shards.</summary>
    public IReadOnlyDictionary<string, ShardLease> Held => Volatile.Read(ref held);

    /// <summary>The node holding a live lease on <paramref name="shardId"/> as of the last tick, or null when none does.</summary>
    public string? OwnerOf(string shardId) => Volatile.Read(ref owners).GetValueOrDefault(shardId);

    /// <summary>Starts ticking every renew interval, and the safety watchdog.</summary>
    public void Start()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopped, this);
            if (loop is not null)
            {
                return;
            }

            watchdog = timeProvider.CreateTimer(_ => GiveUpOverdue(), null, options.LeaseRenewInterval, options.LeaseRenewInterval);
            loop = LoopAsync(stopping.Token);
        }
    }

    /// <summary>One round: renew, hand off, acquire, refresh owners. Failures are logged and retried next round; does nothing once stopped.</summary>
    public async Task TickAsync(CancellationToken ct)
    {
        await tickGate.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref stopped))
            {
                return;
            }

            GiveUpOverdue();
            await RenewAsync(ct);
            GiveUpOverdue();
            var members = membership().Members;
            await HandOffAsync(members, ct);
            await AcquireAsync(members, ct);
            await RefreshOwnersAsync(ct);
        }
        finally
        {
            tickGate.Release();
        }
    }

    /// <summary>Graceful leave: stops ticking, then hands off every held shard (hook, then release).</summary>
    public async Task StopAsync()
    {
        Task? running;
        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            stopped = true;
            running = loop;
        }

        await stopping.CancelAsync();
        if (running is not null)
        {
            await running;
        }

        await tickGate.WaitAsync();
        try
        {
            foreach (var lease in Held.Values.OrderBy(l => l.ShardId, StringComparer.Ordinal))
            {
                await HandOffAsync(lease, CancellationToken.None);
            }
        }
        finally
        {
            tickGate.Release();
            if (watchdog is not null)
            {
                await watchdog.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stopping.Dispose();
        tickGate.Dispose();
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.LeaseRenewInterval, timeProvider);
        try
        {
            do
            {
                await TickAsync(ct);
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RenewAsync(CancellationToken ct)
    {
        foreach (var lease in Held.Values)
        {
            var started = timeProvider.GetUtcNow();
            bool renewed;
            try
            {
                renewed = await CallAsync(t => table.RenewAsync(lease, options.LeaseTtl, t), ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                ShardLeaseLog.RenewFailed(logger, Region, lease.ShardId, lease.Epoch, e);
                continue;
            }

            if (renewed)
            {
                lock (gate)
                {
                    if (held.GetValueOrDefault(lease.ShardId)?.Epoch == lease.Epoch)
                    {
                        safeUntil = safeUntil.SetItem(lease.ShardId, SafeUntil(started));
                    }
                }
            }
            else
            {
                ShardLeaseLog.LeaseTaken(logger, Region, lease.ShardId, lease.Epoch);
                Lose([lease]);
            }
        }
    }

    private async Task HandOffAsync(IReadOnlyList<Member> members, CancellationToken ct)
    {
        foreach (var lease in Held.Values.OrderBy(l => l.ShardId, StringComparer.Ordinal))
        {
            var owner = RendezvousHashing.OwnerOf(lease.ShardId, members);
            if (owner is not null && owner != NodeId)
            {
                ShardLeaseLog.HandingOff(logger, Region, lease.ShardId, owner);
                await HandOffAsync(lease, ct);
            }
        }
    }

    private async Task HandOffAsync(ShardLease lease, CancellationToken ct)
    {
        if (beforeRelease is not null)
        {
            try
            {
                await beforeRelease(lease.ShardId);
            }
            catch (Exception e)
            {
                ShardLeaseLog.BeforeReleaseFailed(logger, Region, lease.ShardId, e);
            }
        }

        lock (gate)
        {
            if (held.GetValueOrDefault(lease.ShardId)?.Epoch == lease.Epoch)
            {
                Forget(lease.ShardId);
            }
        }

        try
        {
            await CallAsync(
                async t =>
                {
                    await table.ReleaseAsync(lease, t);
                    return true;
                },
                ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            ShardLeaseLog.ReleaseFailed(logger, Region, lease.ShardId, lease.Epoch, e);
        }
    }

    private async Task AcquireAsync(IReadOnlyList<Member> members, CancellationToken ct)
    {
        foreach (var shardId in shardIds)
        {
            var current = Volatile.Read(ref owners).GetValueOrDefault(shardId);
            if (Held.ContainsKey(shardId)
                || (current is not null && current != NodeId)
                || RendezvousHashing.OwnerOf(shardId, members) != NodeId)
            {
                continue;
            }

            var started = timeProvider.GetUtcNow();
            ShardLease? lease;
            try
            {
                lease = await CallAsync(t => table.TryAcquireAsync(Region, shardId, NodeId, options.LeaseTtl, t), ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                ShardLeaseLog.AcquireFailed(logger, Region, shardId, e);
                continue;
            }

            if (lease is null)
            {
                continue;
            }

            lock (gate)
            {
                held = held.SetItem(shardId, lease);
                safeUntil = safeUntil.SetItem(shardId, SafeUntil(started));
                owners = owners.SetItem(shardId, NodeId);
            }

            ShardLeaseLog.Acquired(logger, Region, shardId, lease.Epoch);
            Raise(ShardAcquired, lease, shardId);
        }
    }

    private async Task RefreshOwnersAsync(CancellationToken ct)
    {
        IReadOnlyList<ShardLease> leases;
        try
        {
            leases = await CallAsync(t => table.ReadAllAsync(Region, t), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            ShardLeaseLog.ReadFailed(logger, Region, e);
            return;
        }

        lock (gate)
        {
            owners = leases.ToImmutableDictionary(l => l.ShardId, l => l.Owner);
            foreach (var lease in leases)
            {
                if (held.GetValueOrDefault(lease.ShardId) is { } mine && mine.Owner == lease.Owner && mine.Epoch == lease.Epoch)
                {
                    held = held.SetItem(lease.ShardId, lease);
                }
            }
        }
    }

    private void GiveUpOverdue()
    {
        var now = timeProvider.GetUtcNow();
        List<ShardLease> overdue;
        lock (gate)
        {
            overdue = held.Values.Where(l => safeUntil.GetValueOrDefault(l.ShardId) <= now).ToList();
        }

        if (overdue.Count > 0)
        {
            ShardLeaseLog.RenewalsOverdue(logger, Region, overdue.Count);
            Lose(overdue);
        }
    }

    private void Lose(IReadOnlyList<ShardLease> leases)
    {
        var lost = new List<string>();
        lock (gate)
        {
            foreach (var lease in leases)
            {
                if (held.GetValueOrDefault(lease.ShardId)?.Epoch == lease.Epoch)
                {
                    Forget(lease.ShardId);
                    lost.Add(lease.ShardId);
                }
            }
        }

        foreach (var shardId in lost)
        {
            Raise(ShardLost, shardId, shardId);
        }
    }

    private void Forget(string shardId)
    {
        held = held.Remove(shardId);
        safeUntil = safeUntil.Remove(shardId);
        if (owners.GetValueOrDefault(shardId) == NodeId)
        {
            owners = owners.Remove(shardId);
        }
    }

    private DateTimeOffset SafeUntil(DateTimeOffset renewalStarted) => renewalStarted + options.LeaseTtl - options.LeaseSafetyMargin;

    /// <summary>A database call may take up to the safety margin; after that its answer could come too late to use.</summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(options.LeaseSafetyMargin, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        return await call(linked.Token);
    }

    private void Raise<T>(Action<T>? handler, T argument, string shardId)
    {
        try
        {
            handler?.Invoke(argument);
        }
        catch (Exception e)
        {
            ShardLeaseLog.CallbackFailed(logger, Region, shardId, e);
        }
    }
}
