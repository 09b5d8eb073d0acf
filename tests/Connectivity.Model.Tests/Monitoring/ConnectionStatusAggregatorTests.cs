using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Xunit;

namespace Connectivity.Model.Tests.Monitoring;

public class ConnectionStatusAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 21, 8, 57, 24, 710, TimeSpan.Zero);

    private static StatusExpectation Expect(
        int clientCount = 1,
        string desired = LiveStatus.Open,
        SourceExpectation[]? sources = null,
        int targets = 0,
        string connectionType = "amqp-10",
        bool ssh = false,
        int members = 3) =>
        new(clientCount, desired, sources ?? [], targets, connectionType, ssh, members);

    private static ConnectionStatusAggregator Aggregator(StatusExpectation expectation) => new("my-conn", expectation, DittoHeaders.Empty);

    private static ResourceStatus Client(string status, string? recovery = RecoveryStatus.Succeeded, DateTimeOffset? since = null, string client = "10.0.0.5") =>
        new(ResourceType.Client, client, null, status, recovery, "CONNECTED", since ?? T0);

    private static ResourceStatus Of(ResourceType type, string status, string? address = "a") =>
        new(type, "10.0.0.5", address, status, InStateSince: T0);

    [Fact]
    public void ExpectedCount_should_count_clients_sources_targets_and_ssh_when_desired_open()
    {
        var expectation = Expect(clientCount: 2, sources: [new(3, 2), new(1, 1)], targets: 4, ssh: true);

        Assert.Equal(2, expectation.ExpectedCount(ResourceType.Client));
        Assert.Equal(2 * ((3 * 2) + (1 * 1)), expectation.ExpectedCount(ResourceType.Source));
        Assert.Equal(8, expectation.ExpectedCount(ResourceType.Target));
        Assert.Equal(2, expectation.ExpectedCount(ResourceType.Ssh));
    }

    [Fact]
    public void ExpectedCount_should_count_one_consumer_per_source_when_mqtt_3_1_1()
    {
        var expectation = Expect(clientCount: 1, sources: [new(3, 1), new(5, 1)], connectionType: "mqtt");

        Assert.Equal(2, expectation.ExpectedCount(ResourceType.Source));
    }

    [Fact]
    public void ExpectedCount_should_only_expect_clients_when_desired_closed()
    {
        var expectation = Expect(clientCount: 2, desired: LiveStatus.Closed, sources: [new(3, 2)], targets: 4, ssh: true);

        Assert.Equal(2, expectation.ExpectedCount(ResourceType.Client));
        Assert.Equal(0, expectation.ExpectedCount(ResourceType.Source));
        Assert.Equal(0, expectation.ExpectedCount(ResourceType.Target));
        Assert.Equal(0, expectation.ExpectedCount(ResourceType.Ssh));
    }

    [Fact]
    public void IsComplete_should_become_true_when_every_expected_status_arrived()
    {
        var aggregator = Aggregator(Expect(sources: [new(1, 1)], targets: 1));
        aggregator.Add(Client(LiveStatus.Open));
        aggregator.Add(Of(ResourceType.Source, LiveStatus.Open));
        Assert.False(aggregator.IsComplete);

        aggregator.Add(Of(ResourceType.Target, LiveStatus.Open));

        Assert.True(aggregator.IsComplete);
    }

    [Fact]
    public void Build_should_report_open_with_connected_since_when_all_resources_open()
    {
        var aggregator = Aggregator(Expect(clientCount: 2, sources: [new(1, 1)]));
        aggregator.Add(Client(LiveStatus.Open, since: T0.AddMinutes(1), client: "b"));
        aggregator.Add(Client(LiveStatus.Open, since: T0, client: "a"));
        aggregator.Add(Of(ResourceType.Source, LiveStatus.Open));
        aggregator.Add(Of(ResourceType.Source, LiveStatus.Open));

        var response = aggregator.Build(timedOut: false);

        Assert.Equal(LiveStatus.Open, response.LiveStatus);
        Assert.Equal(LiveStatus.Open, response.ConnectionStatus);
        Assert.Equal(RecoveryStatus.Succeeded, response.RecoveryStatus);
        Assert.Equal(T0, response.ConnectedSince);
        Assert.Equal(2, response.SourceStatus.Count);
    }

    [Fact]
    public void Build_should_fill_missing_resources_as_failed_when_cluster_has_enough_members()
    {
        var aggregator = Aggregator(Expect(clientCount: 2, targets: 1, members: 2));
        aggregator.Add(Client(LiveStatus.Open));
        aggregator.Add(Of(ResourceType.Target, LiveStatus.Open));

        var response = aggregator.Build(timedOut: true);

        var missingClient = Assert.Single(response.ClientStatus, s => s.Client == ResourceStatus.UnknownClient);
        Assert.Equal(LiveStatus.Failed, missingClient.Status);
        Assert.Equal("The <client> failed to report its status within the timeout.", missingClient.StatusDetails);
        Assert.Null(missingClient.InStateSince);
        var missingTarget = Assert.Single(response.TargetStatus, s => s.Client == ResourceStatus.UnknownClient);
        Assert.Equal(ResourceType.Target, missingTarget.Type);
        Assert.Equal(LiveStatus.Failed, response.LiveStatus);
    }

    [Fact]
    public void Build_should_fill_missing_resources_as_misconfigured_when_cluster_has_fewer_members_than_client_count()
    {
        var aggregator = Aggregator(Expect(clientCount: 3, members: 2));
        aggregator.Add(Client(LiveStatus.Open, client: "a"));
        aggregator.Add(Client(LiveStatus.Open, client: "b"));

        var response = aggregator.Build(timedOut: true);

        var missing = Assert.Single(response.ClientStatus, s => s.Client == ResourceStatus.UnknownClient);
        Assert.Equal(LiveStatus.Misconfigured, missing.Status);
        Assert.Contains("client count of <3>", missing.StatusDetails, StringComparison.Ordinal);
        Assert.Equal(LiveStatus.Misconfigured, response.LiveStatus);
    }

    [Fact]
    public void Build_should_not_fill_missing_resources_when_not_timed_out()
    {
        var aggregator = Aggregator(Expect(clientCount: 2));
        aggregator.Add(Client(LiveStatus.Open));

        var response = aggregator.Build(timedOut: false);

        Assert.Single(response.ClientStatus);
    }

    [Fact]
    public void Build_should_omit_connected_since_when_no_client_is_open()
    {
        var aggregator = Aggregator(Expect(desired: LiveStatus.Closed));
        aggregator.Add(Client(LiveStatus.Closed, RecoveryStatus.Unknown));

        var response = aggregator.Build(timedOut: false);

        Assert.Null(response.ConnectedSince);
        Assert.False(response.ToJson().ContainsKey("connectedSince"));
    }

    [Theory]
    [InlineData(new string[0], LiveStatus.Open)]
    [InlineData(new[] { LiveStatus.Open, LiveStatus.Open }, LiveStatus.Open)]
    [InlineData(new[] { LiveStatus.Open, LiveStatus.Failed, LiveStatus.Misconfigured }, LiveStatus.Failed)]
    [InlineData(new[] { LiveStatus.Open, LiveStatus.Misconfigured, LiveStatus.Closed }, LiveStatus.Misconfigured)]
    [InlineData(new[] { LiveStatus.Closed, LiveStatus.Closed }, LiveStatus.Closed)]
    [InlineData(new[] { LiveStatus.Open, LiveStatus.Closed }, LiveStatus.Unknown)]
    public void ListStatus_should_follow_the_list_rules_when_no_unknown_entry(string[] statuses, string expected)
    {
        var list = statuses.Select(s => Of(ResourceType.Source, s)).ToList();

        Assert.Equal(expected, ConnectionStatusAggregator.ListStatus(list));
    }

    [Fact]
    public void ListStatus_should_be_open_when_an_entry_is_unknown_but_all_clients_are_open()
    {
        var list = new[] { Client(LiveStatus.Open), Of(ResourceType.Source, LiveStatus.Unknown) };

        Assert.Equal(LiveStatus.Open, ConnectionStatusAggregator.ListStatus(list));
    }

    [Fact]
    public void ListStatus_should_be_unknown_when_an_entry_is_unknown_and_a_client_is_not_open()
    {
        var list = new[] { Client(LiveStatus.Open), Client(LiveStatus.Unknown) };

        Assert.Equal(LiveStatus.Unknown, ConnectionStatusAggregator.ListStatus(list));
    }

    [Theory]
    [InlineData(new[] { LiveStatus.Open, LiveStatus.Open, LiveStatus.Open, LiveStatus.Open }, LiveStatus.Open)]
    [InlineData(new[] { LiveStatus.Misconfigured, LiveStatus.Failed, LiveStatus.Open, LiveStatus.Open }, LiveStatus.Failed)]
    [InlineData(new[] { LiveStatus.Misconfigured, LiveStatus.Closed, LiveStatus.Open, LiveStatus.Open }, LiveStatus.Misconfigured)]
    [InlineData(new[] { LiveStatus.Closed, LiveStatus.Closed, LiveStatus.Closed, LiveStatus.Closed }, LiveStatus.Closed)]
    [InlineData(new[] { LiveStatus.Closed, LiveStatus.Open, LiveStatus.Open, LiveStatus.Open }, LiveStatus.Unknown)]
    public void OverallStatus_should_combine_list_statuses_when_computing_live_status(string[] lists, string expected) =>
        Assert.Equal(expected, ConnectionStatusAggregator.OverallStatus(lists));

    [Theory]
    [InlineData(new[] { RecoveryStatus.Succeeded, RecoveryStatus.Succeeded }, RecoveryStatus.Succeeded)]
    [InlineData(new[] { RecoveryStatus.Ongoing, RecoveryStatus.BackOffLimitReached }, RecoveryStatus.BackOffLimitReached)]
    [InlineData(new[] { RecoveryStatus.Succeeded, RecoveryStatus.Ongoing }, RecoveryStatus.Ongoing)]
    [InlineData(new[] { RecoveryStatus.Succeeded, RecoveryStatus.Unknown }, RecoveryStatus.Unknown)]
    public void AggregateRecoveryStatus_should_follow_the_recovery_rules_when_clients_report(string[] recoveries, string expected)
    {
        var clients = recoveries.Select(r => Client(LiveStatus.Open, r));

        Assert.Equal(expected, ConnectionStatusAggregator.AggregateRecoveryStatus(clients));
    }

    [Fact]
    public void AggregateRecoveryStatus_should_ignore_clients_without_recovery_status_when_others_succeeded()
    {
        var clients = new[] { Client(LiveStatus.Open), Client(LiveStatus.Failed, recovery: null) };

        Assert.Equal(RecoveryStatus.Succeeded, ConnectionStatusAggregator.AggregateRecoveryStatus(clients));
    }
}
