using Connectivity.Actors;
using Connectivity.Messaging.Mqtt;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Connectivity.Model.Monitoring;
using Connectivity.Service.Clients;
using Connectivity.Service.Tests.Clients;
using Connectivity.TestKit.Mqtt;
using Xunit;
using static Connectivity.Service.Tests.Mqtt.MqttBindingHarness;

namespace Connectivity.Service.Tests.Mqtt;

/// <summary>
/// A <see cref="ClientActor"/> with the real MQTT binding against a real mosquitto, on the harness's manual clock (the
/// backoff moves only when the test advances it): statuses, connection logs and metrics as the connection reports them.
/// </summary>
public sealed class MqttClientActorTests
{
    private const string Password = "s3cret-pass";

    [Fact]
    public async Task MqttClient_should_open_every_source_and_target_and_count_consumed_messages_when_the_broker_is_anonymous()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = Harness(Mqtt5($"tcp://{broker.Host}:{broker.Port}", Source(1, "telemetry/#", "events/#") with { ConsumerCount = 2 }));

        Assert.Equal(new ClientConnected("node-1"), await h.AskAsync(OpenClient.Instance));
        await new MosquittoPub(broker.Host, broker.Port, "telemetry/dev-1", "{}") { Qos = 1, V5 = true, Properties = [("correlation-data", "c-42")] }.RunAsync();
        var consumed = await ConsumedEntryAsync(h);

        var report = await h.StatusAsync();
        Assert.Equal((LiveStatus.Open, RecoveryStatus.Succeeded), (report.Client.Status, report.Client.RecoveryStatus));
        Assert.Equal(4, report.Sources.Count);
        Assert.All(report.Sources.Concat(report.Targets), s => Assert.Equal(LiveStatus.Open, s.Status));
        Assert.Equal(("c-42", "telemetry/#", "Received signal."), (consumed.CorrelationId, consumed.Address, consumed.Message));
        var metrics = Assert.IsType<ConnectionMetricsReport>(await h.AskAsync(RetrieveClientMetrics.Instance));
        Assert.Equal(1, metrics.SourceMetrics.AddressMetrics["telemetry/#"].Measurements
            .Single(m => m.Type == MetricType.Consumed && m.Success).Counts[MetricWindow.OneMinute]);
    }

    [Fact]
    public async Task MqttClient_should_be_misconfigured_with_the_reason_in_the_connection_log_when_the_password_is_wrong()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions
        {
            AllowAnonymous = false,
            Users = new Dictionary<string, string> { ["ditto"] = "right-password" },
        });
        await using var h = Harness(Mqtt5($"tcp://ditto:{Password}@{broker.Host}:{broker.Port}", Source(1, "a/#")));

        var reply = await h.AskAsync(OpenClient.Instance);

        var error = Assert.IsType<DittoRuntimeException>(Assert.IsType<Status.Failure>(reply).Cause);
        Assert.Equal((401, "connectivity:connection.unauthorized"), (error.Status, error.ErrorCode));
        var report = await h.StatusAsync();
        Assert.Equal((LiveStatus.Misconfigured, RecoveryStatus.Ongoing), (report.Client.Status, report.Client.RecoveryStatus));
        var entry = Assert.Single(h.ConnectionLogEntries());
        Assert.Equal(LogLevel.Failure, entry.Level);
        Assert.Equal(
            $"Connection failed due to: The MQTT broker at tcp://ditto:*****@{broker.Host}:{broker.Port} refused the connection: " +
            "Not authorized (0x87). Reconnect after 5 s.",
            entry.Message);
    }

    [Fact]
    public async Task MqttClient_should_fail_and_reconnect_with_backoff_resubscribing_when_the_broker_restarts()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = Harness(Mqtt5($"tcp://{broker.Host}:{broker.Port}", Source(1, "telemetry/#")));
        Assert.IsType<ClientConnected>(await h.AskAsync(OpenClient.Instance));

        await broker.StopAsync();
        var failed = await PatientlyAsync(h, r => r.Client.Status == LiveStatus.Failed);
        await broker.StartAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var reopened = await PatientlyAsync(h, r => r.Client.Status == LiveStatus.Open);
        await new MosquittoPub(broker.Host, broker.Port, "telemetry/after-restart", "{}") { Qos = 1 }.RunAsync();

        Assert.Equal(RecoveryStatus.Ongoing, failed.Client.RecoveryStatus);
        Assert.Contains(
            h.ConnectionLogEntries(),
            e => e.Level == LogLevel.Failure && e.Message.StartsWith("Connection lost due to: ", StringComparison.Ordinal)
                && e.Message.EndsWith("Reconnect after 5 s.", StringComparison.Ordinal));
        Assert.Equal(RecoveryStatus.Succeeded, reopened.Client.RecoveryStatus);
        Assert.Equal(LiveStatus.Open, Assert.Single(reopened.Sources).Status);
        Assert.Equal("telemetry/#", (await ConsumedEntryAsync(h)).Address);
    }

    [Fact]
    public async Task MqttClient_should_open_over_tls_when_ca_holds_the_brokers_ca()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions { Tls = true });
        await using var h = Harness(Mqtt5($"ssl://{broker.Host}:{broker.TlsPort}", Source(1, "a/#")) with { Ca = broker.CaCertificatePem });

        Assert.IsType<ClientConnected>(await h.AskAsync(OpenClient.Instance));

        var report = await h.StatusAsync();
        Assert.All(report.Sources.Concat(report.Targets).Append(report.Client), s => Assert.Equal(LiveStatus.Open, s.Status));
    }

    [Fact]
    public async Task MqttClient_should_be_misconfigured_when_the_tls_certificate_is_not_trusted()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions { Tls = true });
        await using var h = Harness(Mqtt5($"ssl://{broker.Host}:{broker.TlsPort}", Source(1, "a/#")));

        var reply = await h.AskAsync(OpenClient.Instance);

        Assert.Equal(504, Assert.IsType<DittoRuntimeException>(Assert.IsType<Status.Failure>(reply).Cause).Status);
        var report = await h.StatusAsync();
        Assert.Equal(LiveStatus.Misconfigured, report.Client.Status);
        Assert.Contains("The TLS handshake with ssl://", Assert.Single(h.ConnectionLogEntries()).Message, StringComparison.Ordinal);
    }

    private static ClientActorHarness Harness(Connection connection) =>
        new(connection: connection, factory: new MqttConnectionClientFactory(connection.Type, TimeSpan.FromSeconds(5)));

    /// <summary>Waits (on the real clock: the broker and the network move by themselves) until the status satisfies <paramref name="condition"/>.</summary>
    private static async Task<ClientStatusReport> PatientlyAsync(ClientActorHarness h, Func<ClientStatusReport, bool> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var report = await h.StatusAsync();
            if (condition(report))
            {
                return report;
            }

            await Task.Delay(20, patience.Token);
        }
    }

    /// <summary>Waits until the connection log holds a consumed entry and returns it.</summary>
    private static async Task<LogEntry> ConsumedEntryAsync(ClientActorHarness h)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (h.ConnectionLogEntries().FirstOrDefault(e => e.Type == LogType.Consumed) is { } entry)
            {
                return entry;
            }

            await Task.Delay(20, patience.Token);
        }
    }
}
