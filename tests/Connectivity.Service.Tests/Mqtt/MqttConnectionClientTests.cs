using Connectivity.Messaging.Mqtt;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Connectivity.Protocols.Mqtt;
using Connectivity.Service.Clients;
using Connectivity.Service.Messaging;
using Connectivity.TestKit.Mqtt;
using Connectivity.TestKit.Time;
using Xunit;
using static Connectivity.Service.Tests.Mqtt.MqttBindingHarness;

namespace Connectivity.Service.Tests.Mqtt;

/// <summary>The MQTT binding against a real mosquitto: subscriptions, headers, failures, shared subscriptions, sessions.</summary>
public sealed class MqttConnectionClientTests
{
    private const string Password = "s3cret-pass";

    [Fact]
    public async Task MqttConnectionClient_should_report_every_consumer_open_and_hand_over_messages_with_v5_headers_when_connected()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = new MqttBindingHarness();
        var connection = Mqtt5($"tcp://{broker.Host}:{broker.Port}", Source(1, "telemetry/#", "events/+") with { ConsumerCount = 2 });

        var client = await h.ConnectAsync(connection);
        await new MosquittoPub(broker.Host, broker.Port, "telemetry/dev-1", """{"temp":21}""")
        {
            Qos = 1,
            V5 = true,
            Properties =
            [
                ("correlation-data", "corr-1"), ("response-topic", "replies/dev-1"), ("content-type", "application/json"),
                ("message-expiry-interval", "120"), ("user-property", "device-id dev-1"),
            ],
        }.RunAsync();
        var message = await h.Sink.NextAsync();

        Assert.Equal(["telemetry/#", "events/+", "telemetry/#", "events/+"], client.SourceStatuses().Select(s => s.Address));
        Assert.All(client.SourceStatuses(), s => Assert.Equal((ResourceType.Source, "node-1", LiveStatus.Open, "Consumer started."), (s.Type, s.Client, s.Status, s.StatusDetails)));
        var target = Assert.Single(client.TargetStatuses());
        Assert.Equal(("commands/out", LiveStatus.Open), (target.Address, target.Status));
        Assert.NotNull(target.InStateSince);
        Assert.Equal(("telemetry/#", 0), (message.SourceAddress, message.SourceIndex));
        Assert.Equal(["integration:tests"], message.AuthorizationContext);
        Assert.Equal("""{"temp":21}""", message.PayloadAsText());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["mqtt.topic"] = "telemetry/dev-1",
                ["mqtt.qos"] = "1",
                ["mqtt.retain"] = "false",
                ["correlation-id"] = "corr-1",
                ["reply-to"] = "replies/dev-1",
                ["content-type"] = "application/json",
                ["mqtt.message-expiry-interval"] = "120",
                ["device-id"] = "dev-1",
            },
            message.Headers.ToDictionary());
        Assert.Equal("corr-1", message.CorrelationId);
    }

    [Fact]
    public async Task MqttConnectionClient_should_map_topic_qos_and_retain_when_mqtt_3_1_1_receives_a_retained_message()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = new MqttBindingHarness();
        await new MosquittoPub(broker.Host, broker.Port, "status/dev-2", "online") { Qos = 1, Retain = true }.RunAsync();
        var connection = Mqtt5($"tcp://{broker.Host}:{broker.Port}", Source(2, "status/+")) with { Type = ConnectionType.Mqtt };

        await h.ConnectAsync(connection);
        var message = await h.Sink.NextAsync();

        Assert.Equal(
            new Dictionary<string, string> { ["mqtt.topic"] = "status/dev-2", ["mqtt.qos"] = "1", ["mqtt.retain"] = "true" },
            message.Headers.ToDictionary());
        Assert.Equal("online", message.PayloadAsText());
        Assert.Equal("status/+", message.SourceAddress);
    }

    // mosquitto refuses a wrong password as "not authorized": 0x87 in MQTT 5, return code 5 in 3.1.1.
    [Theory]
    [InlineData(ConnectionType.Mqtt, "Not authorized (return code 5)")]
    [InlineData(ConnectionType.Mqtt5, "Not authorized (0x87)")]
    public async Task MqttConnectionClient_should_fail_as_unauthorized_naming_the_reason_code_when_the_password_is_wrong(ConnectionType type, string reason)
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions
        {
            AllowAnonymous = false,
            Users = new Dictionary<string, string> { ["ditto"] = "right-password" },
        });
        await using var h = new MqttBindingHarness();
        var client = h.Create(Mqtt5($"tcp://ditto:{Password}@{broker.Host}:{broker.Port}", Source(0, "a")) with { Type = type });

        var failure = await Assert.ThrowsAsync<ConnectionFailureException>(() => client.ConnectAsync(CancellationToken.None));

        Assert.True(failure.IsAuthenticationFailure);
        Assert.Contains($"refused the connection: {reason}.", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"tcp://ditto:*****@{broker.Host}:{broker.Port}", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MqttConnectionClient_should_connect_with_the_uri_credentials_when_the_broker_requires_them()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions
        {
            AllowAnonymous = false,
            Users = new Dictionary<string, string> { ["ditto"] = Password },
        });
        await using var h = new MqttBindingHarness();

        var client = await h.ConnectAsync(Mqtt5($"tcp://ditto:{Password}@{broker.Host}:{broker.Port}", Source(0, "a")));

        Assert.Equal(LiveStatus.Open, Assert.Single(client.SourceStatuses()).Status);
    }

    [Fact]
    public async Task MqttConnectionClient_should_fail_not_user_indicated_when_nothing_listens()
    {
        await using var broker = new MosquittoBroker();
        await using var h = new MqttBindingHarness();
        var client = h.Create(Mqtt5($"tcp://{broker.Host}:{broker.Port}", Source(0, "a")));

        var failure = await Assert.ThrowsAsync<ConnectionFailureException>(() => client.ConnectAsync(CancellationToken.None));

        Assert.False(failure.IsUserIndicated);
        Assert.Contains($"tcp://{broker.Host}:{broker.Port}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MqttConnectionClient_should_connect_over_tls_when_ca_holds_the_brokers_ca()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions { Tls = true });
        await using var h = new MqttBindingHarness();
        var connection = Mqtt5($"ssl://{broker.Host}:{broker.TlsPort}", Source(1, "secure/#")) with { Ca = broker.CaCertificatePem };

        await h.ConnectAsync(connection);
        await new MosquittoPub(broker.Host, broker.Port, "secure/x", "over tls") { Qos = 1 }.RunAsync();

        Assert.Equal("over tls", (await h.Sink.NextAsync()).PayloadAsText());
    }

    [Fact]
    public async Task MqttConnectionClient_should_fail_misconfigured_when_the_brokers_certificate_is_not_trusted()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions { Tls = true });
        await using var h = new MqttBindingHarness();
        var client = h.Create(Mqtt5($"ssl://{broker.Host}:{broker.TlsPort}", Source(1, "secure/#")));

        var failure = await Assert.ThrowsAsync<ConnectionFailureException>(() => client.ConnectAsync(CancellationToken.None));

        Assert.True(failure.IsUserIndicated);
        Assert.False(failure.IsAuthenticationFailure);
        Assert.Contains("TLS", failure.Message, StringComparison.Ordinal);
    }

    // mosquitto 2.0 grants every subscription (its ACLs filter on delivery), so a scripted broker refuses one.
    [Fact]
    public async Task MqttConnectionClient_should_mark_the_source_failed_and_log_it_when_the_broker_refuses_a_subscription()
    {
        await using var broker = new ScriptedMqttBroker(filter => filter.StartsWith("denied/", StringComparison.Ordinal)
            ? MqttSubscribeReasonCode.NotAuthorized
            : MqttSubscribeReasonCode.GrantedQoS1);
        await using var h = new MqttBindingHarness();
        var connection = Mqtt5($"tcp://127.0.0.1:{broker.Port}", Source(1, "allowed/#"), Source(1, "denied/#"));

        var client = await h.ConnectAsync(connection);

        var statuses = client.SourceStatuses();
        Assert.Equal(LiveStatus.Open, statuses.Single(s => s.Address == "allowed/#").Status);
        var denied = statuses.Single(s => s.Address == "denied/#");
        Assert.Equal(LiveStatus.Failed, denied.Status);
        Assert.Equal("Subscribing to 'denied/#' failed: Not authorized (0x87).", denied.StatusDetails);
        var entry = Assert.Single(h.ConnectionLog.Retrieve(DittoHeaders.Empty).ConnectionLogs);
        Assert.Equal(
            (LogCategory.Source, LogType.Other, LogLevel.Failure, "denied/#", denied.StatusDetails),
            (entry.Category, entry.Type, entry.Level, entry.Address, entry.Message));
    }

    [Fact]
    public async Task MqttConnectionClient_should_report_the_connection_lost_when_the_broker_stops()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = new MqttBindingHarness();
        await h.ConnectAsync(Mqtt5($"tcp://{broker.Host}:{broker.Port}", Source(1, "a/#")));

        await broker.StopAsync();
        var lost = Assert.IsType<ConnectionFailureException>(await h.NextLossAsync());

        Assert.False(lost.IsUserIndicated);
        Assert.Contains($"tcp://{broker.Host}:{broker.Port}", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MqttConnectionClient_should_share_the_subscription_between_clients_when_mqtt_5_has_several_clients()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoBrokerOptions { ExtraConfiguration = ["log_type subscribe"] });
        await using var h = new MqttBindingHarness();
        var connection = Mqtt5($"tcp://{broker.Host}:{broker.Port}", Source(1, "shared/#")) with { ClientCount = 2 };
        var first = await h.ConnectAsync(connection, clientIndex: 0);
        var second = await h.ConnectAsync(connection, clientIndex: 1);

        await new MosquittoPub(broker.Host, broker.Port, "shared/x", "m") { Qos = 1, Repeat = 10 }.RunAsync();
        for (var i = 0; i < 10; i++)
        {
            await h.Sink.NextAsync();
        }

        await first.DisconnectAsync(CancellationToken.None);
        await second.DisconnectAsync(CancellationToken.None);
        Assert.Equal(10, h.Sink.Count);
        Assert.Equal(("conn-1_0", "conn-1_1"), (((MqttConnectionClient)first).ConsumerClientId, ((MqttConnectionClient)second).ConsumerClientId));
        var log = broker.ReadLog();
        Assert.Contains("conn-1_0 1 $share/conn-1/shared/#", log, StringComparison.Ordinal);
        Assert.Contains("conn-1_1 1 $share/conn-1/shared/#", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MqttConnectionClient_should_connect_a_second_session_when_a_separate_publisher_client_is_configured()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        await using var h = new MqttBindingHarness();
        var connection = Mqtt5($"tcp://{broker.Host}:{broker.Port}", Source(1, "a/#")) with
        {
            SpecificConfig = new Dictionary<string, string> { ["clientId"] = "consumer-x", ["separatePublisherClient"] = "true" },
        };

        var client = (MqttConnectionClient)await h.ConnectAsync(connection);

        Assert.Equal(("consumer-x", "consumer-xp"), (client.ConsumerClientId, client.PublisherClientId));
        var log = broker.ReadLog();
        Assert.Contains(" as consumer-x ", log, StringComparison.Ordinal);
        Assert.Contains(" as consumer-xp ", log, StringComparison.Ordinal);
        Assert.Equal(LiveStatus.Open, Assert.Single(client.TargetStatuses()).Status);
    }

    [Fact]
    public async Task MqttConnectionClient_should_reconnect_after_the_redelivery_delay_when_the_sink_asks_for_redelivery()
    {
        await using var broker = await MosquittoBroker.StartNewAsync();
        var clock = new ManualTimeProvider();
        await using var h = new MqttBindingHarness(clock);
        h.Sink.Outcome = InboundMessageOutcome.Redeliver;
        var connection = Mqtt5($"tcp://{broker.Host}:{broker.Port}", Source(1, "r/#")) with
        {
            SpecificConfig = new Dictionary<string, string> { ["reconnectForRedelivery"] = "true", ["reconnectForRedeliveryDelay"] = "3s" },
        };
        await h.ConnectAsync(connection);

        await new MosquittoPub(broker.Host, broker.Port, "r/1", "again") { Qos = 1 }.RunAsync();
        await h.Sink.NextAsync();
        while (await clock.NextTimerCreatedAsync() != TimeSpan.FromSeconds(3))
        {
            // the MQTT sessions' own timers (connect timeout, keep-alive) come first
        }

        Assert.False(h.AnyLossReported);
        clock.Advance(TimeSpan.FromSeconds(3));

        var lost = Assert.IsType<ConnectionFailureException>(await h.NextLossAsync());
        Assert.Contains("redeliver", lost.Message, StringComparison.Ordinal);
    }
}
