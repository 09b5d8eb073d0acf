using Connectivity.Actors;
using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Monitoring;
using Connectivity.Model.Signals;
using Connectivity.Service.Clients;

namespace Connectivity.Service.Connections;

/// <summary>Answers status (aggregated from the client actors, spec §3.5), metrics (§5.1) and logs (§5.2).</summary>
public sealed partial class ConnectionPersistenceActor
{
    private async Task<IConnectivityResponse> RetrieveMonitoringAsync(IConnectionCommand command) => command switch
    {
        RetrieveConnectionStatus status => await RetrieveStatusAsync(status),
        RetrieveConnectionMetrics retrieve => clients.Count == 0
            ? RetrieveConnectionMetricsResponse.EmptyMetrics(connectionId, retrieve.Headers)
            : new RetrieveConnectionMetricsResponse(connectionId, metrics.Snapshot(), retrieve.Headers),
        RetrieveConnectionLogs retrieve => connectionLog.Retrieve(retrieve.Headers),
        _ => throw new ArgumentException($"Not a monitoring command: {command.Type}", nameof(command)),
    };

    private async Task<IConnectivityResponse> RetrieveStatusAsync(RetrieveConnectionStatus command)
    {
        var connection = state.Connection!;
        if (clients.Count == 0 && !state.DesiredOpen)
        {
            return RetrieveConnectionStatusResponse.ClosedConnection(connectionId, dependencies.ClientSettings.InstanceId, closedAt, command.Headers);
        }

        var expectation = new StatusExpectation(
            connection.ClientCount,
            connection.ConnectionStatus.ToWire(),
            connection.Sources.Select(s => new SourceExpectation(s.Addresses.Count, s.ConsumerCount)).ToList(),
            connection.Targets.Count,
            connection.Type.ToWire(),
            connection.SshTunnel?.Enabled ?? false,
            dependencies.ClusterMemberCount());
        var aggregator = new ConnectionStatusAggregator(connectionId, expectation, command.Headers);
        var timeout = command.Headers.Timeout is { } requested ? requested * 0.75 : dependencies.DefaultStatusTimeout;
        var replies = await Task.WhenAll(clients.Select(async client =>
        {
            try
            {
                return await client.Ask<ClientStatusReport>(RetrieveClientStatus.Instance, timeout);
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        }));
        foreach (var report in replies.OfType<ClientStatusReport>())
        {
            aggregator.Add(report.Client);
            foreach (var source in report.Sources)
            {
                aggregator.Add(source);
            }

            foreach (var target in report.Targets)
            {
                aggregator.Add(target);
            }
        }

        return aggregator.Build(timedOut: !aggregator.IsComplete);
    }
}
