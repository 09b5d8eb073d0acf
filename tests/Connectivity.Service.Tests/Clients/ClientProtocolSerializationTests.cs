using System.Text.Json.Nodes;
using Connectivity.Cluster.Transport;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Connectivity.Service.Clients;
using Connectivity.Service.Cluster;
using Xunit;

namespace Connectivity.Service.Tests.Clients;

public sealed class ClientProtocolSerializationTests
{
    private readonly MessageSerializerRegistry registry = ConnectivitySerialization.Register(new MessageSerializerRegistry());

    public static TheoryData<object> Messages() =>
    [
        OpenClient.Instance, CloseClient.Instance, TestClient.Instance, RetrieveClientStatus.Instance, RetrieveClientMetrics.Instance,
        ResetClientMetrics.Instance, RetrieveClientLogs.Instance, EnableClientLogs.Instance, ResetClientLogs.Instance,
        new ClientConnected("node-2-1"), new ClientClosed("node-2-1"), new ClientTestSucceeded("node-2-1"),
        new RemoteClientStarted("/system/clients/conn-1-client-1"), new StopRemoteClient("conn-1", 1),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void ConnectivitySerialization_should_read_back_a_client_message_when_written(object message) =>
        Assert.Equal(message, RoundTrip(message));

    [Fact]
    public void ConnectivitySerialization_should_read_back_a_status_report_when_written()
    {
        var since = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        var report = new ClientStatusReport(
            new ResourceStatus(ResourceType.Client, "node-2-1", null, LiveStatus.Open, RecoveryStatus.Succeeded, "CONNECTED", since),
            [new ResourceStatus(ResourceType.Source, "node-2-1", "events/#", LiveStatus.Open, null, null, since)],
            [new ResourceStatus(ResourceType.Target, "node-2-1", "POST:/things", LiveStatus.Closed, null, "closed", since)]);

        var read = Assert.IsType<ClientStatusReport>(RoundTrip(report));

        Assert.Equal(report.Client, read.Client);
        Assert.Equal(report.Sources, read.Sources);
        Assert.Equal(report.Targets, read.Targets);
    }

    [Fact]
    public void ConnectivitySerialization_should_read_back_a_start_request_with_the_whole_connection_when_written()
    {
        var connection = ConnectionJson.FromJson(JsonNode.Parse("""
            {"id":"conn-1","connectionType":"http-push","connectionStatus":"open","uri":"http://user:secret@127.0.0.1:8080",
             "clientCount":2,"sources":[],"targets":[{"address":"POST:/things","topics":["_/_/things/twin/events"],"authorizationContext":["integration:x"]}]}
            """)!.AsObject());

        var read = Assert.IsType<StartRemoteClient>(RoundTrip(new StartRemoteClient(connection, 1, "node-1")));

        Assert.Equal((1, "node-1"), (read.ClientIndex, read.OwnerNode));
        Assert.Equal(ConnectionJson.ToJson(connection).ToJsonString(), ConnectionJson.ToJson(read.Connection).ToJsonString());
    }

    [Fact]
    public void ConnectivitySerialization_should_read_back_client_metrics_and_logs_when_written()
    {
        var metrics = Assert.IsType<ConnectionMetricsReport>(RoundTrip(ConnectionMetricsReport.Empty));
        var logs = Assert.IsType<RetrieveConnectionLogsResponse>(RoundTrip(RetrieveConnectionLogsResponse.Disabled("conn-1", DittoHeaders.Empty)));

        Assert.False(metrics.ContainsFailures);
        Assert.Equal(("conn-1", 0), (logs.ConnectionId, logs.ConnectionLogs.Count));
    }

    private object RoundTrip(object message)
    {
        Assert.True(registry.TrySerialize(message, out var typeId, out var json), $"no serializer for {message.GetType().Name}");
        return registry.Deserialize(typeId, JsonNode.Parse(json.ToJsonString())!);
    }
}
