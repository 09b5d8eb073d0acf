using Connectivity.Actors;
using Connectivity.Model.Errors;
using Connectivity.Model.Monitoring;
using Connectivity.Service.Clients;
using Connectivity.Service.Messaging;
using Xunit;

namespace Connectivity.Service.Tests.Clients;

public sealed class ClientActorTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task ClientActor_should_report_open_and_announce_when_connect_succeeds()
    {
        await using var h = new ClientActorHarness();
        var reply = h.AskAsync(OpenClient.Instance);
        (await h.Factory.NextAsync()).Succeed();

        Assert.Equal(new ClientConnected("node-1"), await reply);
        var report = await h.StatusAsync();
        Assert.Equal(
            new ResourceStatus(ResourceType.Client, "node-1", null, LiveStatus.Open, RecoveryStatus.Succeeded, "CONNECTED", h.Clock.GetUtcNow()),
            report.Client);
        Assert.Equal(["telemetry/#", "events/#"], report.Sources.Select(s => s.Address));
        Assert.All(report.Sources.Concat(report.Targets), s => Assert.Equal(LiveStatus.Open, s.Status));
        Assert.Equal([("opened", "conn-1", h.Clock.GetUtcNow())], h.Announcements.Published);
        var entry = Assert.Single(h.ConnectionLogEntries());
        Assert.Equal((LogCategory.Connection, LogType.Other, LogLevel.Success), (entry.Category, entry.Type, entry.Level));
    }

    [Fact]
    public async Task ClientActor_should_reply_connection_failed_and_reconnect_after_backoff_when_first_attempt_fails()
    {
        await using var h = new ClientActorHarness();
        var reply = h.AskAsync(OpenClient.Instance);
        (await h.Factory.NextAsync()).Fail(ConnectionFailureException.Failed("Connection refused."));

        var error = Assert.IsType<DittoRuntimeException>(Assert.IsType<Status.Failure>(await reply).Cause);
        Assert.Equal((504, "connectivity:connection.failed"), (error.Status, error.ErrorCode));
        Assert.Contains("Connection refused", error.Description, StringComparison.Ordinal);
        var report = await h.StatusAsync();
        Assert.Equal(LiveStatus.Failed, report.Client.Status);
        Assert.Equal(RecoveryStatus.Ongoing, report.Client.RecoveryStatus);
        Assert.Equal("[CONNECTING] Connection refused.", report.Client.StatusDetails);
        var entry = Assert.Single(h.ConnectionLogEntries());
        Assert.Equal((LogCategory.Connection, LogType.Other, LogLevel.Failure), (entry.Category, entry.Type, entry.Level));
        Assert.Equal("Connection failed due to: Connection refused. Reconnect after 5 s.", entry.Message);

        h.Clock.Advance(TimeSpan.FromSeconds(5));
        (await h.Factory.NextAsync()).Succeed();
        await h.StatusWhenAsync(r => r.Client.Status == LiveStatus.Open);
    }

    [Fact]
    public async Task ClientActor_should_double_the_backoff_per_failure_when_reconnects_keep_failing()
    {
        await using var h = new ClientActorHarness();
        _ = h.AskAsync(OpenClient.Instance);
        (await h.Factory.NextAsync()).Fail(ConnectionFailureException.Failed("refused"));

        var attempts = 1;
        foreach (var backoff in new[] { 5, 10, 20 })
        {
            await h.LoggedAsync(attempts);
            h.Clock.Advance(TimeSpan.FromSeconds(backoff) - Tick);
            await h.StatusAsync();
            Assert.Equal(attempts, h.Factory.Count);
            h.Clock.Advance(Tick);
            (await h.Factory.NextAsync()).Fail(ConnectionFailureException.Failed("refused"));
            attempts++;
        }

        await h.LoggedAsync(4);
        Assert.Equal(
            ["Reconnect after 5 s.", "Reconnect after 10 s.", "Reconnect after 20 s.", "Reconnect after 40 s."],
            h.ConnectionLogEntries().Select(e => e.Message[(e.Message.IndexOf("Reconnect", StringComparison.Ordinal))..]));
    }

    [Fact]
    public async Task ClientActor_should_double_the_connect_timeout_per_attempt_when_attempts_time_out()
    {
        await using var h = new ClientActorHarness();
        _ = h.AskAsync(OpenClient.Instance);
        var first = await h.Factory.NextAsync();
        await h.StatusAsync();

        h.Clock.Advance(TimeSpan.FromSeconds(50));
        await first.ConnectCancelled;
        await h.StatusWhenAsync(r => r.Client.Status == LiveStatus.Failed);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        await h.Factory.NextAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(99));
        Assert.Single(h.ConnectionLogEntries());
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        await h.LoggedAsync(2);
        var entries = h.ConnectionLogEntries();
        Assert.Contains("timed out after 50 s", entries[0].Message, StringComparison.Ordinal);
        Assert.Contains("timed out after 100 s", entries[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientActor_should_give_up_with_backOffLimitReached_when_tries_are_exhausted()
    {
        await using var h = new ClientActorHarness(ClientActorHarness.DefaultSettings with { ConnectingMaxTries = 3 });
        _ = h.AskAsync(OpenClient.Instance);
        (await h.Factory.NextAsync()).Fail(ConnectionFailureException.Failed("refused"));
        await h.LoggedAsync(1);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        (await h.Factory.NextAsync()).Fail(ConnectionFailureException.Failed("refused"));
        await h.LoggedAsync(2);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        (await h.Factory.NextAsync()).Fail(ConnectionFailureException.Failed("refused"));

        var report = await h.LoggedAsync(3);
        Assert.Equal(RecoveryStatus.BackOffLimitReached, report.Client.RecoveryStatus);
        Assert.Equal(LiveStatus.Failed, report.Client.Status);
        Assert.StartsWith("[INITIALIZED] refused. Gave up after 3 connect attempts.", report.Client.StatusDetails, StringComparison.Ordinal);
        Assert.Contains("Gave up after 3 connect attempts", h.ConnectionLogEntries()[^1].Message, StringComparison.Ordinal);
        h.Clock.Advance(TimeSpan.FromHours(2));
        await h.StatusAsync();
        Assert.Equal(3, h.Factory.Count);

        var reopened = h.AskAsync(OpenClient.Instance);
        (await h.Factory.NextAsync()).Succeed();
        Assert.IsType<ClientConnected>(await reopened);
    }

    [Theory]
    [InlineData(false, false, LiveStatus.Failed, 504, "connectivity:connection.failed")]
    [InlineData(true, false, LiveStatus.Misconfigured, 504, "connectivity:connection.failed")]
    [InlineData(true, true, LiveStatus.Misconfigured, 401, "connectivity:connection.unauthorized")]
    public async Task ClientActor_should_classify_the_failure_when_the_cause_is_user_indicated_or_not(
        bool userIndicated, bool authentication, string expectedStatus, int expectedHttpStatus, string expectedError)
    {
        await using var h = new ClientActorHarness();
        var reply = h.AskAsync(OpenClient.Instance);
        (await h.Factory.NextAsync()).Fail(new ConnectionFailureException("The broker said no.", userIndicated, authentication));

        var error = Assert.IsType<DittoRuntimeException>(Assert.IsType<Status.Failure>(await reply).Cause);
        Assert.Equal((expectedHttpStatus, expectedError), (error.Status, error.ErrorCode));
        var report = await h.StatusAsync();
        Assert.Equal((expectedStatus, RecoveryStatus.Ongoing), (report.Client.Status, report.Client.RecoveryStatus));
    }

    [Fact]
    public async Task ClientActor_should_report_closed_sources_and_targets_when_open_is_desired_but_not_connected()
    {
        await using var h = new ClientActorHarness();
        _ = h.AskAsync(OpenClient.Instance);
        (await h.Factory.NextAsync()).Fail(ConnectionFailureException.Failed("refused"));

        var report = await h.StatusWhenAsync(r => r.Client.Status == LiveStatus.Failed);
        Assert.Equal(["telemetry/#", "events/#", "telemetry/#", "events/#"], report.Sources.Select(s => s.Address));
        Assert.Equal(["commands/out"], report.Targets.Select(t => t.Address));
        Assert.All(report.Sources.Concat(report.Targets), s =>
        {
            Assert.Equal((LiveStatus.Closed, "node-1"), (s.Status, s.Client));
            Assert.Equal("The client is in state [CONNECTING] with status <failed>: refused.", s.StatusDetails);
        });
    }

    [Fact]
    public async Task ClientActor_should_report_only_a_closed_client_when_open_is_not_desired()
    {
        await using var h = new ClientActorHarness();

        var report = await h.StatusAsync();

        Assert.Equal(new ResourceStatus(ResourceType.Client, "node-1", null, LiveStatus.Closed, RecoveryStatus.Unknown, "[INITIALIZED] client is initialized", h.Clock.GetUtcNow()), report.Client);
        Assert.Empty(report.Sources);
        Assert.Empty(report.Targets);
    }

    [Fact]
    public async Task ClientActor_should_reconnect_after_backoff_when_the_connection_is_lost()
    {
        await using var h = new ClientActorHarness();
        var opened = h.AskAsync(OpenClient.Instance);
        var first = await h.Factory.NextAsync();
        first.Succeed();
        await opened;

        first.LoseConnection(new IOException("Connection reset by peer"));

        var report = await h.StatusWhenAsync(r => r.Client.Status == LiveStatus.Failed);
        Assert.Equal(RecoveryStatus.Ongoing, report.Client.RecoveryStatus);
        await first.Disposed;
        Assert.Equal(
            "Connection lost due to: IOException: Connection reset by peer. Reconnect after 5 s.",
            h.ConnectionLogEntries()[^1].Message);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        (await h.Factory.NextAsync()).Succeed();
        await h.StatusWhenAsync(r => r.Client.Status == LiveStatus.Open);
        Assert.Equal(["opened", "opened"], h.Announcements.Published.Select(a => a.Kind));
    }

    [Fact]
    public async Task ClientActor_should_ignore_a_late_result_when_its_attempt_was_superseded()
    {
        await using var h = new ClientActorHarness();
        h.Factory.IgnoreCancellation = true;
        _ = h.AskAsync(OpenClient.Instance);
        var stale = await h.Factory.NextAsync();
        h.Factory.IgnoreCancellation = false;
        await h.StatusAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(50));
        await h.StatusWhenAsync(r => r.Client.Status == LiveStatus.Failed);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var current = await h.Factory.NextAsync();

        stale.Succeed();
        var report = await h.StatusWhenAsync(_ => h.ServiceLog.Lines.Any(l => l.Contains("ignored ConnectSucceeded", StringComparison.Ordinal)));

        Assert.Equal((LiveStatus.Failed, RecoveryStatus.Ongoing), (report.Client.Status, report.Client.RecoveryStatus));
        Assert.Empty(h.Announcements.Published);
        current.Succeed();
        await h.StatusWhenAsync(r => r.Client.Status == LiveStatus.Open);
    }

    [Fact]
    public async Task ClientActor_should_announce_wait_and_disconnect_when_closed_with_announcements()
    {
        await using var h = new ClientActorHarness(announcementsEnabled: true);
        var opened = h.AskAsync(OpenClient.Instance);
        var client = await h.Factory.NextAsync();
        client.Succeed();
        await opened;

        var closed = h.AskAsync(CloseClient.Instance);
        await h.Announcements.FirstClosed;
        await h.StatusAsync();
        Assert.False(client.WasDisconnected);
        h.Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(new ClientClosed("node-1"), await closed);
        Assert.True(client.WasDisconnected);
        await client.Disposed;
        var report = await h.StatusAsync();
        Assert.Equal((LiveStatus.Closed, "[DISCONNECTED] connection is closed"), (report.Client.Status, report.Client.StatusDetails));
        Assert.Empty(report.Targets);
        Assert.Equal(["opened", "closed"], h.Announcements.Published.Select(a => a.Kind));
    }

    [Fact]
    public async Task ClientActor_should_disconnect_at_once_when_closed_without_announcements()
    {
        await using var h = new ClientActorHarness();
        var opened = h.AskAsync(OpenClient.Instance);
        var client = await h.Factory.NextAsync();
        client.Succeed();
        await opened;

        Assert.IsType<ClientClosed>(await h.AskAsync(CloseClient.Instance));

        await client.Disconnected;
    }

    [Fact]
    public async Task ClientActor_should_cancel_the_attempt_and_stop_reconnecting_when_closed_while_connecting()
    {
        await using var h = new ClientActorHarness();
        var opened = h.AskAsync(OpenClient.Instance);
        var client = await h.Factory.NextAsync();

        Assert.IsType<ClientClosed>(await h.AskAsync(CloseClient.Instance));

        var error = Assert.IsType<DittoRuntimeException>(Assert.IsType<Status.Failure>(await opened).Cause);
        Assert.Equal(504, error.Status);
        await client.ConnectCancelled;
        await client.Disposed;
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(LiveStatus.Closed, (await h.StatusAsync()).Client.Status);
        Assert.Equal(1, h.Factory.Count);
    }

    [Fact]
    public async Task ClientActor_should_connect_and_disconnect_once_when_tested()
    {
        await using var h = new ClientActorHarness();
        var tested = h.AskAsync(TestClient.Instance);
        var client = await h.Factory.NextAsync();
        client.Succeed();

        Assert.Equal(new ClientTestSucceeded("node-1"), await tested);
        await client.Disconnected;
        await client.Disposed;
        Assert.Empty(h.Announcements.Published);
    }

    [Fact]
    public async Task ClientActor_should_reply_unauthorized_when_the_test_is_rejected()
    {
        await using var h = new ClientActorHarness();
        var tested = h.AskAsync(TestClient.Instance);
        (await h.Factory.NextAsync()).Fail(ConnectionFailureException.Unauthorized("authentication failed (401)"));

        var error = Assert.IsType<DittoRuntimeException>(Assert.IsType<Status.Failure>(await tested).Cause);
        Assert.Equal((401, "connectivity:connection.unauthorized"), (error.Status, error.ErrorCode));
        Assert.Equal(LiveStatus.Misconfigured, (await h.StatusAsync()).Client.Status);
    }

    [Fact]
    public async Task ClientActor_should_reply_connection_failed_when_the_test_times_out()
    {
        await using var h = new ClientActorHarness();
        var tested = h.AskAsync(TestClient.Instance);
        await h.Factory.NextAsync();
        await h.StatusAsync();

        h.Clock.Advance(TimeSpan.FromSeconds(10));

        var error = Assert.IsType<DittoRuntimeException>(Assert.IsType<Status.Failure>(await tested).Cause);
        Assert.Equal(504, error.Status);
        Assert.Contains("timed out after 10 s", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientActor_should_never_log_the_password_when_a_failure_message_contains_the_uri()
    {
        await using var h = new ClientActorHarness();
        var reply = h.AskAsync(OpenClient.Instance);
        (await h.Factory.NextAsync()).Fail(ConnectionFailureException.Failed($"Cannot reach {h.Connection.Uri}"));

        var error = Assert.IsType<DittoRuntimeException>(Assert.IsType<Status.Failure>(await reply).Cause);
        var report = await h.StatusAsync();

        Assert.Contains("tcp://user:*****@broker.example:1883", report.Client.StatusDetails, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientActorHarness.Password, error.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientActorHarness.Password, report.Client.StatusDetails, StringComparison.Ordinal);
        Assert.All(h.ConnectionLogEntries(), e => Assert.DoesNotContain(ClientActorHarness.Password, e.Message, StringComparison.Ordinal));
        Assert.NotEmpty(h.ServiceLog.Lines);
        Assert.All(h.ServiceLog.Lines, line => Assert.DoesNotContain(ClientActorHarness.Password, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientActor_should_answer_and_reset_metrics_and_logs_when_asked()
    {
        await using var h = new ClientActorHarness();
        h.Metrics.Record(MetricDirection.Inbound, MetricType.Consumed, "telemetry/#", success: true);
        h.ConnectionLog.LogConnectionSuccess("hello");

        var metrics = Assert.IsType<ConnectionMetricsReport>(await h.AskAsync(RetrieveClientMetrics.Instance));
        var logs = Assert.IsType<RetrieveConnectionLogsResponse>(await h.AskAsync(RetrieveClientLogs.Instance));
        h.Client.Tell(ResetClientMetrics.Instance);
        h.Client.Tell(ResetClientLogs.Instance);
        var resetMetrics = Assert.IsType<ConnectionMetricsReport>(await h.AskAsync(RetrieveClientMetrics.Instance));
        var resetLogs = Assert.IsType<RetrieveConnectionLogsResponse>(await h.AskAsync(RetrieveClientLogs.Instance));

        Assert.Contains("telemetry/#", metrics.SourceMetrics.AddressMetrics.Keys);
        Assert.Equal(["hello"], logs.ConnectionLogs.Select(e => e.Message));
        Assert.NotNull(logs.EnabledSince);
        Assert.Equal(metrics.SourceMetrics.AddressMetrics.Keys, resetMetrics.SourceMetrics.AddressMetrics.Keys);
        Assert.NotEqual(metrics, resetMetrics);
        Assert.Empty(resetLogs.ConnectionLogs);
    }

    [Fact]
    public async Task ClientActor_should_count_and_log_consumed_and_mapped_messages_when_its_client_hands_them_to_the_inbound_sink()
    {
        await using var h = new ClientActorHarness();
        _ = h.AskAsync(OpenClient.Instance);
        var client = await h.Factory.NextAsync();
        client.Succeed();
        await h.StatusWhenAsync(r => r.Client.Status == LiveStatus.Open);

        var outcome = await client.Context.InboundSink.HandleAsync(
            Consumed("""{"topic":"org.acme/d1/things/live/messages/hello","headers":{},"path":"/inbox/messages/hello","value":1}"""),
            CancellationToken.None);

        Assert.Equal(InboundMessageOutcome.Accepted, outcome);
        var metrics = Assert.IsType<ConnectionMetricsReport>(await h.AskAsync(RetrieveClientMetrics.Instance));
        var measurements = metrics.SourceMetrics.AddressMetrics["events/#"].Measurements;
        Assert.Equal(1, measurements.Single(m => m.Type == MetricType.Consumed && m.Success).Counts[MetricWindow.OneMinute]);
        Assert.Equal(1, measurements.Single(m => m.Type == MetricType.Mapped && m.Success).Counts[MetricWindow.OneMinute]);
        var entries = h.ConnectionLogEntries().Where(e => e.Category == LogCategory.Source).ToList();
        Assert.Equal(
            [(LogType.Consumed, LogLevel.Success, "c-1", "events/#", null), (LogType.Mapped, LogLevel.Success, "c-1", "events/#", "org.acme:d1")],
            entries.Select(e => (e.Type, e.Level, e.CorrelationId, e.Address, e.EntityId)).OrderBy(e => e.Type));
    }

    [Fact]
    public async Task ClientActor_should_reject_a_consumed_message_its_mapper_cannot_map_and_keep_consuming()
    {
        await using var h = new ClientActorHarness();
        _ = h.AskAsync(OpenClient.Instance);
        var client = await h.Factory.NextAsync();
        client.Succeed();
        await h.StatusWhenAsync(r => r.Client.Status == LiveStatus.Open);

        var rejected = await client.Context.InboundSink.HandleAsync(Consumed("not json"), CancellationToken.None);
        var accepted = await client.Context.InboundSink.HandleAsync(
            Consumed("""{"topic":"org.acme/d1/things/twin/events/modified","headers":{},"path":"/attributes/a","value":1}"""), CancellationToken.None);

        Assert.Equal((InboundMessageOutcome.Rejected, InboundMessageOutcome.Accepted), (rejected, accepted));
        var failure = Assert.Single(h.ConnectionLogEntries(), e => e.Type == LogType.Mapped && e.Level == LogLevel.Failure);
        Assert.Contains("Payload mapping 'Ditto' failed", failure.Message, StringComparison.Ordinal);
        Assert.Equal(LiveStatus.Open, (await h.StatusAsync()).Client.Status);
    }

    private static ExternalMessage Consumed(string payload) => new()
    {
        SourceAddress = "events/#",
        Headers = new Dictionary<string, string> { ["correlation-id"] = "c-1" },
        TextPayload = payload,
    };

    [Fact]
    public async Task ClientActor_should_fail_the_attempt_and_reconnect_when_the_client_reports_a_loss_before_its_connect_completes()
    {
        await using var h = new ClientActorHarness();
        var reply = h.AskAsync(OpenClient.Instance);
        var client = await h.Factory.NextAsync();
        client.LoseConnection(ConnectionFailureException.Failed("Session dropped while subscribing."));
        await h.StatusAsync();
        client.Succeed();

        var error = Assert.IsType<DittoRuntimeException>(Assert.IsType<Status.Failure>(await reply).Cause);
        Assert.Contains("Session dropped while subscribing", error.Description, StringComparison.Ordinal);
        await client.Disposed;
        var report = await h.StatusAsync();
        Assert.Equal((LiveStatus.Failed, RecoveryStatus.Ongoing), (report.Client.Status, report.Client.RecoveryStatus));
        Assert.Empty(h.Announcements.Published);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        (await h.Factory.NextAsync()).Succeed();
        await h.StatusWhenAsync(r => r.Client.Status == LiveStatus.Open);
    }
}
