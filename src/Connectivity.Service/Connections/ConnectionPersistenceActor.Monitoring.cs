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
            : new RetrieveConnectionMetricsResponse(connectionId, await MergedMetricsAsync(retrieve), retrieve.Headers),
        RetrieveConnectionLogs retrieve => remoteClients.Count == 0
            ? connectionLog.Retrieve(retrieve.Headers)
            : await MergedLogsAsync(retrieve),
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
        var timeout = ClientReplyTimeout(command);
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

    /// <summary>This node's metrics (shared by the local clients) merged with the reports of the clients on other nodes.</summary>
    private async Task<ConnectionMetricsReport> MergedMetricsAsync(IConnectionCommand command)
    {
        var remote = await AskRemoteClientsAsync<ConnectionMetricsReport>(RetrieveClientMetrics.Instance, ClientReplyTimeout(command));
        return remote.Aggregate(metrics.Snapshot(), (merged, report) => merged.Merge(report));
    }

    /// <summary>This node's connection log merged with the logs of the clients on other nodes, within the size budget (spec §5.2).</summary>
    private async Task<RetrieveConnectionLogsResponse> MergedLogsAsync(IConnectionCommand command)
    {
        var remote = await AskRemoteClientsAsync<RetrieveConnectionLogsResponse>(RetrieveClientLogs.Instance, ClientReplyTimeout(command));
        return RetrieveConnectionLogsResponse.Merge(
            connectionId, [connectionLog.Retrieve(command.Headers), .. remote], dependencies.LoggerOptions.MaxLogSizeBytes, command.Headers);
    }

    /// <summary>The replies of the clients on other nodes that answered within <paramref name="timeout"/>.</summary>
    private async Task<IEnumerable<T>> AskRemoteClientsAsync<T>(object message, TimeSpan timeout)
        where T : class
    {
        var replies = await Task.WhenAll(remoteClients.Values.Select(async remote =>
        {
            try
            {
                return await remote.Ref.Ask<T>(message, timeout);
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        }));
        return replies.OfType<T>();
    }

    private TimeSpan ClientReplyTimeout(IConnectionCommand command) =>
        command.Headers.Timeout is { } requested ? requested * 0.75 : dependencies.DefaultStatusTimeout;
}
