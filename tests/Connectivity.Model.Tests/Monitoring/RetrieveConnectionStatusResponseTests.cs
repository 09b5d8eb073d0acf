using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Xunit;

namespace Connectivity.Model.Tests.Monitoring;

public class RetrieveConnectionStatusResponseTests
{
    private static readonly DateTimeOffset Since = new(2026, 1, 21, 8, 57, 24, 710, TimeSpan.Zero);

    private static RetrieveConnectionStatusResponse Example() =>
        new(
            "my-conn",
            LiveStatus.Open,
            LiveStatus.Open,
            RecoveryStatus.Succeeded,
            Since,
            [new ResourceStatus(ResourceType.Client, "10.0.0.5", null, LiveStatus.Open, RecoveryStatus.Succeeded, "CONNECTED", Since)],
            [new ResourceStatus(ResourceType.Source, "10.0.0.5", "telemetry/#", LiveStatus.Open, StatusDetails: "Consumer started.", InStateSince: Since)],
            [new ResourceStatus(ResourceType.Target, "10.0.0.5", "events/twin", LiveStatus.Open, InStateSince: Since)],
            [new ResourceStatus(ResourceType.Ssh, "10.0.0.5", null, LiveStatus.Open, InStateSince: Since)],
            DittoHeaders.Empty);

    [Fact]
    public void ToJson_should_match_the_spec_example_when_all_lists_are_filled()
    {
        var expected = JsonNode.Parse("""
            {
              "type": "connectivity.responses:retrieveConnectionStatus",
              "status": 200,
              "connectionId": "my-conn",
              "connectionStatus": "open",
              "liveStatus": "open",
              "recoveryStatus": "succeeded",
              "connectedSince": "2026-01-21T08:57:24.710Z",
              "clientStatus": [
                {"type":"client","client":"10.0.0.5","status":"open","recoveryStatus":"succeeded",
                 "statusDetails":"CONNECTED","inStateSince":"2026-01-21T08:57:24.710Z"}],
              "sourceStatus": [
                {"type":"source","client":"10.0.0.5","address":"telemetry/#","status":"open",
                 "statusDetails":"Consumer started.","inStateSince":"2026-01-21T08:57:24.710Z"}],
              "targetStatus": [
                {"type":"target","client":"10.0.0.5","address":"events/twin","status":"open","inStateSince":"2026-01-21T08:57:24.710Z"}],
              "sshTunnelStatus": [
                {"type":"ssh","client":"10.0.0.5","status":"open","inStateSince":"2026-01-21T08:57:24.710Z"}]
            }
            """);

        Assert.Equal(expected!.ToJsonString(), Example().ToJson().ToJsonString());
    }

    [Fact]
    public void FromJson_should_round_trip_when_reading_its_own_json()
    {
        var json = Example().ToJson();

        var read = RetrieveConnectionStatusResponse.FromJson(json, DittoHeaders.Empty);

        Assert.Equal(json.ToJsonString(), read.ToJson().ToJsonString());
    }

    [Fact]
    public void ClosedConnection_should_report_one_closed_client_and_omit_other_lists_when_no_client_runs()
    {
        var closedAt = new DateTimeOffset(2026, 3, 3, 16, 5, 55, TimeSpan.Zero);

        var json = RetrieveConnectionStatusResponse.ClosedConnection("my-conn", "instance-1", closedAt, DittoHeaders.Empty).ToJson();

        var expected = JsonNode.Parse("""
            {"type":"connectivity.responses:retrieveConnectionStatus","status":200,"connectionId":"my-conn",
             "connectionStatus":"closed","liveStatus":"closed","recoveryStatus":"unknown",
             "clientStatus":[{"type":"client","client":"instance-1","status":"closed",
               "statusDetails":"[DISCONNECTED] connection is closed","inStateSince":"2026-03-03T16:05:55Z"}]}
            """);
        Assert.Equal(expected!.ToJsonString(), json.ToJsonString());
    }

    [Fact]
    public void ClosedConnection_should_use_the_epoch_when_the_closing_time_is_unknown()
    {
        var response = RetrieveConnectionStatusResponse.ClosedConnection("my-conn", "instance-1", null, DittoHeaders.Empty);

        Assert.Equal("1970-01-01T00:00:00Z", response.ToJson()["clientStatus"]![0]!["inStateSince"]!.GetValue<string>());
    }

    [Fact]
    public void ResourceStatus_FromJson_should_reject_an_unknown_type_when_parsing()
    {
        var json = new JsonObject { ["type"] = "broker", ["client"] = "c", ["status"] = "open" };

        var error = Assert.ThrowsAny<Exception>(() => ResourceStatus.FromJson(json));

        Assert.Contains("broker", error.Message, StringComparison.Ordinal);
    }
}
