using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectivity.Cluster.Membership;

/// <summary>
/// Keeps this node in the membership table and publishes who is live. Every
/// <see cref="ClusterOptions.HeartbeatInterval"/> it writes its heartbeat, reads the live members and, when the
/// member set changed, publishes a new <see cref="MembershipSnapshot"/> with the next version. A failed round is
/// logged and retried next interval; the last snapshot stays <see cref="Current"/> but <see cref="IsStale"/>.
/// On stop the node marks itself as left so others drop it at once.
/// </summary>
public sealed class MembershipService : BackgroundService
{
    private readonly IMembershipTable table;
    private readonly ClusterOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<MembershipService> logger;
    private readonly Lock gate = new();
    private readonly List<Action<MembershipSnapshot>> subscribers = [];
    private MembershipSnapshot current = MembershipSnapshot.Empty;
    private DateTimeOffset? lastSuccessfulRead;
    private bool stale = true;

    public MembershipService(
        IMembershipTable table, IOptions<ClusterOptions> options, TimeProvider timeProvider, ILogger<MembershipService> logger)
    {
        var validation = new ClusterOptionsValidator().Validate(Options.DefaultName, options.Value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ClusterOptions), validation.Failures);
        }

        this.table = table;
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.logger = logger;
        Self = new Member(this.options.NodeId, this.options.InternalAddress, timeProvider.GetUtcNow());
    }

    /// <summary>This node as it appears in the table.</summary>
    public Member Self { get; }

    /// <summary>The latest snapshot; <see cref="MembershipSnapshot.Empty"/> until the first successful read.</summary>
    public MembershipSnapshot Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    /// <summary>When (this node's clock) the live members were last read successfully; null before the first read.</summary>
    public DateTimeOffset? LastSuccessfulRead
    {
        get
        {
            lock (gate)
            {
                return lastSuccessfulRead;
            }
        }
    }

    /// <summary>Whether <see cref="Current"/> may be out of date: nothing read yet, or the last round failed.</summary>
    public bool IsStale
    {
        get
        {
            lock (gate)
            {
                return stale;
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="onSnapshot"/> at once with <see cref="Current"/>, then with every new snapshot, in
    /// version order, until the returned handle is disposed. The callback runs under the service's lock: keep it short.
    /// </summary>
    public IDisposable Subscribe(Action<MembershipSnapshot> onSnapshot)
    {
        lock (gate)
        {
            subscribers.Add(onSnapshot);
            Notify(onSnapshot, current);
        }

        return new Subscription(this, onSnapshot);
    }

    /// <summary>Waits until the live member count is <paramref name="count"/>; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<MembershipSnapshot> WaitForMembersAsync(int count, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource<MembershipSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Subscribe(snapshot =>
        {
            if (snapshot.Members.Count == count)
            {
                reached.TrySetResult(snapshot);
            }
        });
        try
        {
            return await reached.Task.WaitAsync(timeout, timeProvider);
        }
        catch (TimeoutException)
        {
            var members = string.Join(", ", Current.Members.Select(m => m.NodeId));
            throw new TimeoutException($"Node {Self.NodeId} did not see {count} members within {timeout}; it sees [{members}].");
        }
    }

    /// <summary>
    /// One round: heartbeat, read the live members, publish a new snapshot if the set changed. Errors are logged,
    /// not thrown; the round is given up after <see cref="ClusterOptions.DownAfter"/>.
    /// </summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(options.DownAfter, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await table.HeartbeatAsync(Self, linked.Token);
            var live = await table.ReadLiveAsync(options.DownAfter, linked.Token);
            Publish(live);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            lock (gate)
            {
                stale = true;
            }

            MembershipLog.RoundFailed(logger, Self.NodeId, e);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await table.LeaveAsync(Self.NodeId, cancellationToken);
            MembershipLog.Left(logger, Self.NodeId);
        }
        catch (Exception e)
        {
            MembershipLog.LeaveFailed(logger, Self.NodeId, e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, timeProvider);
        try
        {
            do
            {
                await RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Publish(IReadOnlyList<Member> live)
    {
        lock (gate)
        {
            lastSuccessfulRead = timeProvider.GetUtcNow();
            stale = false;
            if (current.HasMembers(live))
            {
                return;
            }

            current = new MembershipSnapshot(current.Version + 1, live);
            MembershipLog.MembersChanged(logger, Self.NodeId, current.Version, live);
            foreach (var subscriber in subscribers.ToArray())
            {
                Notify(subscriber, current);
            }
        }
    }

    private void Notify(Action<MembershipSnapshot> subscriber, MembershipSnapshot snapshot)
    {
        try
        {
            subscriber(snapshot);
        }
        catch (Exception e)
        {
            MembershipLog.SubscriberFailed(logger, Self.NodeId, snapshot.Version, e);
        }
    }

    private void Unsubscribe(Action<MembershipSnapshot> subscriber)
    {
        lock (gate)
        {
            subscribers.Remove(subscriber);
        }
    }

    private sealed class Subscription(MembershipService service, Action<MembershipSnapshot> subscriber) : IDisposable
    {
        public void Dispose() => service.Unsubscribe(subscriber);
    }
}
