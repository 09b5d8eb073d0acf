using Connectivity.Model.Errors;
using Connectivity.Model.Monitoring;

namespace Connectivity.Service.Clients;

/// <summary>The client's resource statuses (spec §3.5) and how failures are classified and reported (spec §4.5).</summary>
public sealed partial class ClientActor
{
    private const string ConnectedDetails = "CONNECTED";

    private string StateName => state.ToString().ToUpperInvariant();

    /// <summary>
    /// The client status (details prefixed with the state unless connected) and, while the desired status is open,
    /// the source and target statuses: the client's own when connected, otherwise <c>closed</c> for every consumer and
    /// target with details saying why.
    /// </summary>
    private ClientStatusReport StatusReport()
    {
        var details = state == ClientState.Connected ? statusDetails : $"[{StateName}] {statusDetails}";
        var clientStatus = new ResourceStatus(ResourceType.Client, clientId, null, status, recoveryStatus, details, inStateSince);
        if (!desiredOpen)
        {
            return new ClientStatusReport(clientStatus, [], []);
        }

        if (state == ClientState.Connected && client is { } connected)
        {
            return new ClientStatusReport(clientStatus, connected.SourceStatuses(), connected.TargetStatuses());
        }

        var childDetails = $"The client is in state [{StateName}] with status <{status}>: {statusDetails}";
        var sources = connection.Sources
            .SelectMany(source => Enumerable.Repeat(source.Addresses, source.ConsumerCount).SelectMany(addresses => addresses))
            .Select(address => new ResourceStatus(ResourceType.Source, clientId, address, LiveStatus.Closed, null, childDetails, inStateSince))
            .ToList();
        var targets = connection.Targets
            .Select(target => new ResourceStatus(ResourceType.Target, clientId, target.Address, LiveStatus.Closed, null, childDetails, inStateSince))
            .ToList();
        return new ClientStatusReport(clientStatus, sources, targets);
    }

    /// <summary>User-indicated failures (credentials, TLS, unresolvable host, invalid configuration) make the status <c>misconfigured</c>.</summary>
    private static bool IsUserIndicated(Exception cause) => cause switch
    {
        ConnectionFailureException failure => failure.IsUserIndicated,
        DittoRuntimeException error => error.Status is >= 400 and < 500,
        _ => false,
    };

    /// <summary>What went wrong, without secrets.</summary>
    private string Describe(Exception cause) => Mask(cause switch
    {
        ConnectionFailureException failure => failure.Message,
        DittoRuntimeException { Description: { } description } error => $"{error.Message} {description}",
        _ => $"{cause.GetType().Name}: {cause.Message}",
    });

    /// <summary>The error a requester gets: <c>connection.unauthorized</c> (401) for rejected credentials, else <c>connection.failed</c> (504).</summary>
    private DittoRuntimeException ToDittoError(Exception cause) => cause switch
    {
        DittoRuntimeException error => error,
        ConnectionFailureException { IsAuthenticationFailure: true } => ConnectivityErrors.ConnectionUnauthorized(
            $"The connection '{connection.Id}' was not authorized by {maskedUri}.", Describe(cause)),
        _ => ConnectivityErrors.ConnectionFailed($"The connection '{connection.Id}' failed to connect.", Describe(cause)),
    };
}
