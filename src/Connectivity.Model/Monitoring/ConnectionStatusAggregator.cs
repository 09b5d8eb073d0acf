using Connectivity.Model.Headers;

namespace Connectivity.Model.Monitoring;

/// <summary>
/// Collects the <see cref="ResourceStatus"/> replies of a connection's client actors and their children and turns
/// them into a <see cref="RetrieveConnectionStatusResponse"/> (spec §3.5). Pure and single-threaded: the owning
/// actor feeds replies and decides when the timeout has passed.
/// </summary>
public sealed class ConnectionStatusAggregator
{
    private readonly string connectionId;
    private readonly StatusExpectation expectation;
    private readonly DittoHeaders headers;
    private readonly Dictionary<ResourceType, List<ResourceStatus>> received = new()
    {
        [ResourceType.Client] = [],
        [ResourceType.Source] = [],
        [ResourceType.Target] = [],
        [ResourceType.Ssh] = [],
    };

    public ConnectionStatusAggregator(string connectionId, StatusExpectation expectation, DittoHeaders headers)
    {
        this.connectionId = connectionId;
        this.expectation = expectation;
        this.headers = headers;
    }

    /// <summary>True once every expected status has arrived.</summary>
    public bool IsComplete => received.All(entry => entry.Value.Count >= expectation.ExpectedCount(entry.Key));

    /// <summary>Records one reply. Statuses of type <see cref="ResourceType.Unknown"/> belong to no list and are ignored.</summary>
    public void Add(ResourceStatus status)
    {
        if (received.TryGetValue(status.Type, out var list))
        {
            list.Add(status);
        }
    }

    /// <summary>
    /// Builds the response. When <paramref name="timedOut"/>, every missing resource is added for
    /// <see cref="ResourceStatus.UnknownClient"/>: <c>failed</c> if the cluster has at least <c>clientCount</c>
    /// members, else <c>misconfigured</c> because the cluster cannot provide the configured client count.
    /// </summary>
    public RetrieveConnectionStatusResponse Build(bool timedOut)
    {
        var lists = received.ToDictionary(
            entry => entry.Key,
            entry => timedOut ? [.. entry.Value, .. Missing(entry.Key, entry.Value.Count)] : entry.Value.ToList());
        var clients = lists[ResourceType.Client];
        var liveStatus = OverallStatus(lists.Values.Select(ListStatus));
        var connectedSince = clients
            .Where(client => client.Status == LiveStatus.Open && client.InStateSince is not null)
            .Select(client => client.InStateSince)
            .Min();
        return new RetrieveConnectionStatusResponse(
            connectionId,
            expectation.DesiredStatus,
            liveStatus,
            AggregateRecoveryStatus(clients),
            connectedSince,
            clients,
            lists[ResourceType.Source],
            lists[ResourceType.Target],
            lists[ResourceType.Ssh],
            headers);
    }

    /// <summary>
    /// The live status of one resource list: all open (or empty) ⇒ open; any failed ⇒ failed; any misconfigured ⇒
    /// misconfigured; all closed ⇒ closed; any unknown ⇒ open if all client entries of the list are open; else unknown.
    /// </summary>
    public static string ListStatus(IReadOnlyCollection<ResourceStatus> statuses)
    {
        if (statuses.All(s => s.Status == LiveStatus.Open))
        {
            return LiveStatus.Open;
        }

        if (statuses.Any(s => s.Status == LiveStatus.Failed))
        {
            return LiveStatus.Failed;
        }

        if (statuses.Any(s => s.Status == LiveStatus.Misconfigured))
        {
            return LiveStatus.Misconfigured;
        }

        if (statuses.All(s => s.Status == LiveStatus.Closed))
        {
            return LiveStatus.Closed;
        }

        var clientsOpen = statuses.Where(s => s.Type == ResourceType.Client).All(s => s.Status == LiveStatus.Open);
        return statuses.Any(s => s.Status == LiveStatus.Unknown) && clientsOpen ? LiveStatus.Open : LiveStatus.Unknown;
    }

    /// <summary>The overall live status over the per-list statuses: all open ⇒ open; any failed ⇒ failed; any
    /// misconfigured ⇒ misconfigured; all closed ⇒ closed; else unknown.</summary>
    public static string OverallStatus(IEnumerable<string> listStatuses)
    {
        var statuses = listStatuses.ToList();
        return statuses switch
        {
            _ when statuses.TrueForAll(s => s == LiveStatus.Open) => LiveStatus.Open,
            _ when statuses.Contains(LiveStatus.Failed) => LiveStatus.Failed,
            _ when statuses.Contains(LiveStatus.Misconfigured) => LiveStatus.Misconfigured,
            _ when statuses.TrueForAll(s => s == LiveStatus.Closed) => LiveStatus.Closed,
            _ => LiveStatus.Unknown,
        };
    }

    /// <summary>Over the recovery statuses the clients reported: all succeeded ⇒ succeeded; any back-off limit
    /// reached ⇒ that; any ongoing ⇒ ongoing; else unknown.</summary>
    public static string AggregateRecoveryStatus(IEnumerable<ResourceStatus> clients)
    {
        var present = clients.Select(c => c.RecoveryStatus).OfType<string>().ToList();
        return present switch
        {
            _ when present.TrueForAll(s => s == RecoveryStatus.Succeeded) => RecoveryStatus.Succeeded,
            _ when present.Contains(RecoveryStatus.BackOffLimitReached) => RecoveryStatus.BackOffLimitReached,
            _ when present.Contains(RecoveryStatus.Ongoing) => RecoveryStatus.Ongoing,
            _ => RecoveryStatus.Unknown,
        };
    }

    private IEnumerable<ResourceStatus> Missing(ResourceType type, int receivedCount)
    {
        var missing = Math.Max(0, expectation.ExpectedCount(type) - receivedCount);
        var typeName = WireName.Of(type);
        var clusterSufficient = expectation.ClusterMemberCount >= expectation.ClientCount;
        var status = clusterSufficient ? LiveStatus.Failed : LiveStatus.Misconfigured;
        var details = clusterSufficient
            ? $"The <{typeName}> failed to report its status within the timeout."
            : $"The configured client count of <{expectation.ClientCount}> could not be provided by the cluster, the <{typeName}> is therefore not available.";
        return Enumerable.Repeat(new ResourceStatus(type, ResourceStatus.UnknownClient, null, status, StatusDetails: details), missing);
    }
}
