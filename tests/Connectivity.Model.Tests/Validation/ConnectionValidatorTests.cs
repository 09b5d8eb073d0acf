using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Connectivity.Model.Validation;
using Xunit;

namespace Connectivity.Model.Tests.Validation;

public class ConnectionValidatorTests
{
    private const string ConfigurationInvalid = "connectivity:connection.configuration.invalid";
    private const string UriInvalid = "connectivity:connection.uri.invalid";

    private static readonly ConnectionValidator Validator = new(ConnectivityLimits.Default);

    private static Connection Parse(string json) => ConnectionJson.FromJson(JsonNode.Parse(json)!.AsObject());

    private static Connection Amqp(string extra = "") => Parse($$"""
        { "id": "c", "connectionType": "amqp-10", "connectionStatus": "open", "uri": "amqps://u:p@broker.example:5671",
          "sources": [{"addresses": ["telemetry"], "authorizationContext": ["s:x"]}] {{extra}} }
        """);

    private static Source Source(string address = "a", int? qos = null) =>
        new() { Addresses = [address], AuthorizationContext = ["s:x"], Qos = qos };

    private static Target Target(string address, int? qos = null) =>
        new() { Address = address, AuthorizationContext = ["s:x"], Qos = qos, Topics = [FilteredTopic.Parse(FilteredTopic.TwinEvents)] };

    private static Connection Of(ConnectionType type, string uri, Source[] sources, Target[] targets, params (string Key, string Value)[] config) =>
        new()
        {
            Id = "c",
            Type = type,
            ConnectionStatus = ConnectivityStatus.Open,
            Uri = uri,
            Sources = sources,
            Targets = targets,
            SpecificConfig = config.ToDictionary(c => c.Key, c => c.Value),
        };

    private static DittoRuntimeException Fails(Connection connection, ConnectionValidator? validator = null, Connection? existing = null) =>
        Assert.Throws<DittoRuntimeException>(() => (validator ?? Validator).Validate(connection, existing));

    [Fact]
    public void Validate_should_accept_a_plain_amqp_connection()
    {
        Validator.Validate(Amqp());
    }

    [Fact]
    public void Validate_should_reject_more_sources_than_the_limit()
    {
        var connection = Amqp() with { Sources = [.. Enumerable.Range(0, 5).Select(i => Source($"q{i}"))] };

        Assert.Equal(ConfigurationInvalid, Fails(connection).ErrorCode);
        new ConnectionValidator(ConnectivityLimits.Default with { MaxSources = 5 }).Validate(connection);
    }

    [Fact]
    public void Validate_should_reject_more_targets_than_the_limit()
    {
        var connection = Amqp() with { Targets = [.. Enumerable.Range(0, 5).Select(i => Target($"t{i}"))] };

        Assert.Equal(ConfigurationInvalid, Fails(connection).ErrorCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_should_reject_empty_addresses(string address)
    {
        Assert.Equal(ConfigurationInvalid, Fails(Amqp() with { Sources = [Source(address)] }).ErrorCode);
        Assert.Equal(ConfigurationInvalid, Fails(Amqp() with { Targets = [Target(address)] }).ErrorCode);
        Assert.Equal(ConfigurationInvalid, Fails(Amqp() with { Sources = [Source() with { Addresses = [] }] }).ErrorCode);
    }

    [Fact]
    public void Validate_should_reject_connection_type_change_unless_sudo()
    {
        var existing = Amqp();
        var modified = existing with { Type = ConnectionType.Amqp091, Uri = "amqp://broker.example:5672" };

        Assert.Equal(ConfigurationInvalid, Fails(modified, existing: existing).ErrorCode);
        Validator.Validate(modified, existing, sudo: true);
    }

    [Theory]
    [InlineData(ConnectionType.Kafka, "http://broker:9092", "kafka")]
    [InlineData(ConnectionType.Mqtt, "amqp://broker:1883", "mqtt")]
    [InlineData(ConnectionType.HttpPush, "tcp://broker:80", "http-push")]
    [InlineData(ConnectionType.Amqp091, "ssl://broker:5671", "amqp-091")]
    public void Validate_should_reject_scheme_of_another_protocol(ConnectionType type, string uri, string protocol)
    {
        var error = Fails(Amqp() with { Type = type, Uri = uri });

        Assert.Equal(UriInvalid, error.ErrorCode);
        Assert.Contains(protocol, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_should_reject_trusted_certificates_with_insecure_scheme()
    {
        var connection = Amqp() with { Uri = "amqp://broker:5672", Ca = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" };

        var error = Fails(connection);

        Assert.Equal(UriInvalid, error.ErrorCode);
        Assert.Contains("insecure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_should_reject_unparseable_ca()
    {
        Assert.Equal(ConfigurationInvalid, Fails(Amqp() with { Ca = "not a certificate" }).ErrorCode);
    }

    [Theory]
    [InlineData("blocked.example", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("internal.corp", false)]
    [InlineData("allowed.corp", true)]
    [InlineData("broker.example", true)]
    [InlineData("192.168.1.1", true)]
    public void Validate_should_apply_host_lists_subnets_and_regex(string host, bool allowed)
    {
        var validator = new ConnectionValidator(ConnectivityLimits.Default with
        {
            AllowedHostnames = ["allowed.corp"],
            BlockedHostnames = ["blocked.example"],
            BlockedSubnets = ["10.0.0.0/8", "fd00::/8"],
            BlockedHostRegex = @"^.*\.corp$",
        });
        var connection = Amqp() with { Uri = $"amqps://{host}:5671" };

        if (allowed)
        {
            validator.Validate(connection);
        }
        else
        {
            Assert.Equal(ConfigurationInvalid, Fails(connection, validator).ErrorCode);
        }
    }

    [Theory]
    [InlineData("c:ack", true)]
    [InlineData("{{connection:id}}:ack", true)]
    [InlineData("other:ack", false)]
    [InlineData("c:", false)]
    [InlineData("ack", false)]
    public void Validate_should_require_connection_prefix_for_declared_acks(string label, bool valid)
    {
        var connection = Amqp() with { Sources = [Source() with { DeclaredAcks = [label] }] };

        if (valid)
        {
            Validator.Validate(connection);
        }
        else
        {
            var error = Fails(connection);
            Assert.Equal("acknowledgement:label.invalid", error.ErrorCode);
            Assert.Equal(400, error.Status);
        }
    }

    [Fact]
    public void Validate_should_allow_live_response_and_reject_duplicate_issued_labels()
    {
        Validator.Validate(Amqp() with { Targets = [Target("t") with { IssuedAcknowledgementLabel = "live-response" }] });
        Assert.Equal("acknowledgement:label.invalid",
            Fails(Amqp() with { Targets = [Target("t") with { IssuedAcknowledgementLabel = "x:y" }] }).ErrorCode);

        var duplicate = Amqp() with
        {
            Targets = [Target("t1") with { IssuedAcknowledgementLabel = "c:a" }, Target("t2") with { IssuedAcknowledgementLabel = "{{connection:id}}:a" }],
        };
        var error = Fails(duplicate);

        Assert.Equal("acknowledgement:label.not.unique", error.ErrorCode);
        Assert.Equal(409, error.Status);
    }

    [Theory]
    [InlineData("Ditto", true)]
    [InlineData("Normalized", true)]
    [InlineData("UpdateTwinWithLiveResponse", true)]
    [InlineData("js", true)]
    [InlineData("JavaScript", false)]
    [InlineData("missing", false)]
    public void Validate_should_check_payload_mapping_references(string mapping, bool valid)
    {
        var connection = Amqp(""", "mappingDefinitions": {"js": {"mappingEngine": "JavaScript", "options": {"incomingScript": "a", "outgoingScript": "b"}}}""")
            with { Targets = [Target("t") with { PayloadMapping = [mapping] }] };

        if (valid)
        {
            Validator.Validate(connection);
        }
        else
        {
            Assert.Equal(ConfigurationInvalid, Fails(connection).ErrorCode);
        }
    }

    [Theory]
    [InlineData("""{"mappingEngine": "JavaScript", "options": {"incomingScript": "a"}}""")]
    [InlineData("""{"mappingEngine": "ConnectionStatus", "options": {}}""")]
    [InlineData("""{"mappingEngine": "NoSuchEngine", "options": {}}""")]
    public void Validate_should_reject_mapping_definition_without_mandatory_options(string definition)
    {
        var error = Fails(Amqp($$""", "mappingDefinitions": {"m": {{definition}}}"""));

        Assert.Equal(ConfigurationInvalid, error.ErrorCode);
    }

    [Fact]
    public void Validate_should_reject_too_many_payload_mappings()
    {
        var connection = Amqp() with { Sources = [Source() with { PayloadMapping = [.. Enumerable.Repeat("Ditto", 11)] }] };

        Assert.Equal(ConfigurationInvalid, Fails(connection).ErrorCode);
    }

    [Theory]
    [InlineData("{{ header:x }}", true)]
    [InlineData("{{header:x | fn:default('y')}}", true)]
    [InlineData("constant", true)]
    [InlineData("{{ header:x", false)]
    [InlineData("{{ bogus:x }}", false)]
    [InlineData("x }}", false)]
    public void Validate_should_check_header_mapping_placeholders(string value, bool valid)
    {
        var connection = Amqp() with { Targets = [Target("t") with { HeaderMapping = new Dictionary<string, string> { ["h"] = value } }] };

        if (valid)
        {
            Validator.Validate(connection);
        }
        else
        {
            Assert.Equal(ConfigurationInvalid, Fails(connection).ErrorCode);
        }
    }

    public static TheoryData<string, Connection> InvalidProtocolConnections => new()
    {
        { "mqtt source without qos", Of(ConnectionType.Mqtt, "tcp://b:1883", [Source("a/#")], []) },
        { "mqtt target qos 3", Of(ConnectionType.Mqtt5, "tcp://b:1883", [], [Target("t", 3)]) },
        { "mqtt clientCount 2", Of(ConnectionType.Mqtt, "tcp://b:1883", [Source("a", 1)], []) with { ClientCount = 2 } },
        { "mqtt consumerCount 2", Of(ConnectionType.Mqtt, "tcp://b:1883", [Source("a", 1) with { ConsumerCount = 2 }], []) },
        { "mqtt bad filter", Of(ConnectionType.Mqtt5, "tcp://b:1883", [Source("a/#/b", 1)], []) },
        { "mqtt wildcard target", Of(ConnectionType.Mqtt5, "tcp://b:1883", [], [Target("t/+", 1)]) },
        { "mqtt3 header mapping", Of(ConnectionType.Mqtt, "tcp://b:1883", [Source("a", 1) with { HeaderMapping = new Dictionary<string, string> { ["x"] = "{{ header:foo }}" } }], []) },
        { "mqtt3 target header key", Of(ConnectionType.Mqtt, "tcp://b:1883", [], [Target("t", 1) with { HeaderMapping = new Dictionary<string, string> { ["content-type"] = "x" } }]) },
        { "mqtt3 auth header placeholder", Of(ConnectionType.Mqtt, "tcp://b:1883", [Source("a", 1) with { AuthorizationContext = ["s:{{ header:x }}"] }], []) },
        { "mqtt3 enforcement header", Of(ConnectionType.Mqtt, "tcp://b:1883", [Source("a", 1) with { Enforcement = new Enforcement("{{ header:x }}", ["y"]) }], []) },
        { "mqtt keepAlive over 65535s", Of(ConnectionType.Mqtt5, "tcp://b:1883", [Source("a", 1)], [], ("keepAlive", "65536s")) },
        { "mqtt keepAlive not a duration", Of(ConnectionType.Mqtt, "tcp://b:1883", [Source("a", 1)], [], ("keepAlive", "-1")) },
        { "mqtt lastWillQos 3", Of(ConnectionType.Mqtt5, "tcp://b:1883", [Source("a", 1)], [], ("lastWillTopic", "will"), ("lastWillQos", "3")) },
        { "mqtt lastWillTopic wildcard", Of(ConnectionType.Mqtt5, "tcp://b:1883", [Source("a", 1)], [], ("lastWillTopic", "will/#")) },
        { "mqtt cleanSession not boolean", Of(ConnectionType.Mqtt, "tcp://b:1883", [Source("a", 1)], [], ("cleanSession", "yes")) },
        { "mqtt separatePublisherClient not boolean", Of(ConnectionType.Mqtt5, "tcp://b:1883", [Source("a", 1)], [], ("separatePublisherClient", "1")) },
        { "mqtt reconnectForRedeliveryDelay", Of(ConnectionType.Mqtt5, "tcp://b:1883", [Source("a", 1)], [], ("reconnectForRedeliveryDelay", "soon")) },
        { "http-push source", Of(ConnectionType.HttpPush, "https://b:443", [Source()], [Target("POST:/x")]) },
        { "http-push verb", Of(ConnectionType.HttpPush, "https://b:443", [], [Target("FOO:/x")]) },
        { "http-push no verb", Of(ConnectionType.HttpPush, "https://b:443", [], [Target("/x")]) },
        { "http-push parallelism", Of(ConnectionType.HttpPush, "https://b:443", [], [Target("POST:/x")], ("parallelism", "0")) },
        { "http-push idleTimeout", Of(ConnectionType.HttpPush, "https://b:443", [], [Target("POST:/x")], ("idleTimeout", "61s")) },
        { "kafka no bootstrap", Of(ConnectionType.Kafka, "tcp://b:9092", [Source("topic")], []) },
        { "kafka bad bootstrap", Of(ConnectionType.Kafka, "tcp://b:9092", [Source("topic")], [], ("bootstrapServers", "b")) },
        { "kafka topic chars", Of(ConnectionType.Kafka, "tcp://b:9092", [Source("to pic")], [], ("bootstrapServers", "b:9092")) },
        { "kafka qos 2", Of(ConnectionType.Kafka, "tcp://b:9092", [Source("topic", 2)], [], ("bootstrapServers", "b:9092")) },
        { "kafka empty key", Of(ConnectionType.Kafka, "tcp://b:9092", [], [Target("topic/")], ("bootstrapServers", "b:9092")) },
        { "kafka empty partition", Of(ConnectionType.Kafka, "tcp://b:9092", [], [Target("topic#")], ("bootstrapServers", "b:9092")) },
        { "kafka bad partition", Of(ConnectionType.Kafka, "tcp://b:9092", [], [Target("topic#x")], ("bootstrapServers", "b:9092")) },
        { "kafka sasl", Of(ConnectionType.Kafka, "tcp://b:9092", [Source("topic")], [], ("bootstrapServers", "b:9092"), ("saslMechanism", "gssapi")) },
        {
            "kafka ssh tunnel",
            Of(ConnectionType.Kafka, "tcp://b:9092", [Source("topic")], [], ("bootstrapServers", "b:9092")) with
            {
                SshTunnel = new SshTunnel(true, "ssh://h:22", new PlainCredentials("u", "p"), false, []),
            }
        },
        { "amqp-10 empty queue", Of(ConnectionType.Amqp10, "amqp://b:5672", [], [Target("queue://")]) },
        { "amqp-091 empty exchange", Of(ConnectionType.Amqp091, "amqp://b:5672", [], [Target("/key")]) },
        { "hono source alias", Of(ConnectionType.Hono, string.Empty, [Source("foo")], []) },
        { "hono target", Of(ConnectionType.Hono, string.Empty, [], [Target("events")]) },
    };

    [Theory]
    [MemberData(nameof(InvalidProtocolConnections))]
    public void Validate_should_reject_protocol_specific_violations(string name, Connection connection)
    {
        var error = Fails(connection);

        Assert.True(error.ErrorCode == ConfigurationInvalid, $"{name}: {error.ErrorCode}");
        Assert.Equal(400, error.Status);
    }

    public static TheoryData<string, Connection> ValidProtocolConnections => new()
    {
        { "mqtt", Of(ConnectionType.Mqtt, "tcp://b:1883", [Source("a/+/#", 1) with { HeaderMapping = new Dictionary<string, string> { ["t"] = "{{ header:mqtt.topic }}", ["c"] = "const" } }], [Target("out", 0) with { HeaderMapping = new Dictionary<string, string> { ["mqtt.retain"] = "true" } }]) },
        { "mqtt3 enforcement", Of(ConnectionType.Mqtt, "ssl://b:8883", [Source("a", 2) with { Enforcement = new Enforcement("{{ source:address }}", ["{{ thing:id }}"]) }], []) },
        { "mqtt-5", Of(ConnectionType.Mqtt5, "tcp://b:1883", [Source("a", 1) with { ConsumerCount = 2 }], [Target("t/{{ thing:id }}", 2)]) with { ClientCount = 3 } },
        {
            "mqtt-5 specificConfig",
            Of(ConnectionType.Mqtt5, "tcp://b:1883", [Source("a", 1)], [], ("clientId", "c"), ("publisherId", "p"), ("separatePublisherClient", "true"),
                ("cleanSession", "False"), ("reconnectForRedelivery", "true"), ("reconnectForRedeliveryDelay", "500ms"), ("keepAlive", "65535s"),
                ("lastWillTopic", "will/c"), ("lastWillQos", "2"), ("lastWillRetain", "true"), ("lastWillMessage", "gone"))
        },
        { "mqtt keepAlive 0", Of(ConnectionType.Mqtt, "tcp://b:1883", [Source("a", 1)], [], ("keepAlive", "0")) },
        { "http-push", Of(ConnectionType.HttpPush, "https://b:443/base", [], [Target("POST:/x"), Target("DELETE:/y?q={{ thing:id }}"), Target("PATCH:")], ("parallelism", "3"), ("idleTimeout", "30s")) },
        { "kafka", Of(ConnectionType.Kafka, "ssl://u:p@b:9092", [Source("my.topic_1", 1)], [Target("topic"), Target("topic/{{ thing:id }}"), Target("topic#3"), Target("{{ header:t }}#{{ header:p }}")], ("bootstrapServers", "b:9092, c:9093"), ("saslMechanism", "scram-sha-512")) },
        { "amqp-10", Of(ConnectionType.Amqp10, "amqp://b:5672", [], [Target("queue://q"), Target("topic://t"), Target("plain")]) },
        { "amqp-091", Of(ConnectionType.Amqp091, "amqp://b:5672", [Source("queue")], [Target("exchange/key")]) },
        { "hono", Of(ConnectionType.Hono, string.Empty, [Source("telemetry", 0), Source("event", 1)], [Target("command")]) },
    };

    [Theory]
    [MemberData(nameof(ValidProtocolConnections))]
    public void Validate_should_accept_valid_protocol_configuration(string name, Connection connection)
    {
        Assert.NotEmpty(name);
        Validator.Validate(connection);
    }

    [Theory]
    [InlineData("""{"type":"hmac","algorithm":"aws4-hmac-sha256","parameters":{}}""")]
    [InlineData("""{"type":"hmac","algorithm":"md5","parameters":{}}""")]
    [InlineData("""{"type":"oauth-client-credentials","tokenEndpoint":"https://t","clientId":"i","clientSecret":"s","requestedScopes":"a"}""")]
    [InlineData("""{"type":"client-cert","key":"-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"}""")]
    public void Validate_should_reject_credentials_not_supported_for_amqp(string credentials)
    {
        var error = Fails(Amqp($$""", "credentials": {{credentials}}"""));

        Assert.Equal(ConfigurationInvalid, error.ErrorCode);
    }

    [Theory]
    [InlineData("https://token.example/oauth", true, true)]
    [InlineData("http://token.example/oauth", true, false)]
    [InlineData("http://token.example/oauth", false, true)]
    public void Validate_should_enforce_https_token_endpoint_when_configured(string endpoint, bool enforce, bool valid)
    {
        var validator = new ConnectionValidator(ConnectivityLimits.Default with { OAuthEnforceHttps = enforce });
        var connection = Of(ConnectionType.HttpPush, "https://b:443", [], [Target("POST:/x")]) with
        {
            Credentials = new OAuthClientCredentials(endpoint, "id", "secret", "scope"),
        };

        if (valid)
        {
            validator.Validate(connection);
        }
        else
        {
            Assert.Equal(ConfigurationInvalid, Fails(connection, validator).ErrorCode);
        }
    }

    [Theory]
    [InlineData("ssh://h:22", "plain", false, new string[0], true)]
    [InlineData("ssh://h:22", "plain", true, new[] { "MD5:e0:3a:01" }, true)]
    [InlineData("ssh://h:22", "plain", true, new string[0], false)]
    [InlineData("ssh://h:22", "plain", false, new[] { "e0:3a:01" }, false)]
    [InlineData("tcp://h:22", "plain", false, new string[0], false)]
    [InlineData("ssh://h:22", "client-cert", false, new string[0], false)]
    public void Validate_should_check_ssh_tunnel(string uri, string credentialsType, bool validateHost, string[] knownHosts, bool valid)
    {
        Credentials credentials = credentialsType == "plain" ? new PlainCredentials("u", "p") : new ClientCertificateCredentials();
        var connection = Amqp() with { SshTunnel = new SshTunnel(true, uri, credentials, validateHost, knownHosts) };

        if (valid)
        {
            Validator.Validate(connection);
        }
        else
        {
            Assert.Equal(ConfigurationInvalid, Fails(connection).ErrorCode);
        }
    }

    [Fact]
    public void Validate_should_wrap_unexpected_exceptions_as_connection_failed()
    {
        var validator = new ConnectionValidator(ConnectivityLimits.Default with { BlockedHostRegex = "(a+)+$" });
        var connection = Amqp() with { Uri = "amqps://" + new string('a', 5000) + "!:5671" };

        var error = Fails(connection, validator);

        Assert.Equal("connectivity:connection.failed", error.ErrorCode);
        Assert.Equal(504, error.Status);
    }
}
