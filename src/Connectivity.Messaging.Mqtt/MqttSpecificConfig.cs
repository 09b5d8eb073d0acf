using System.Globalization;
using Connectivity.Model.Connections;
using Connectivity.Model.Validation;
using Connectivity.Protocols.Mqtt;
using Connectivity.Service.Clients;

namespace Connectivity.Messaging.Mqtt;

/// <summary>
/// The <c>specificConfig</c> of an <c>mqtt</c> or <c>mqtt-5</c> connection (spec §8.3), with Ditto's defaults. Values
/// the validator lets through (<c>MqttRules</c>) parse here; anything else is a misconfiguration.
/// </summary>
public sealed record MqttSpecificConfig
{
    public const string ClientIdKey = "clientId";
    public const string PublisherIdKey = "publisherId";
    public const string SeparatePublisherClientKey = "separatePublisherClient";
    public const string CleanSessionKey = "cleanSession";
    public const string ReconnectForRedeliveryKey = "reconnectForRedelivery";
    public const string ReconnectForRedeliveryDelayKey = "reconnectForRedeliveryDelay";
    public const string KeepAliveKey = "keepAlive";
    public const string LastWillTopicKey = "lastWillTopic";
    public const string LastWillQosKey = "lastWillQos";
    public const string LastWillRetainKey = "lastWillRetain";
    public const string LastWillMessageKey = "lastWillMessage";

    /// <summary>Ditto's service default of <c>reconnect-for-redelivery-delay</c>.</summary>
    public static readonly TimeSpan DefaultReconnectForRedeliveryDelay = TimeSpan.FromSeconds(10);

    /// <summary>Shorter redelivery delays are raised to this.</summary>
    public static readonly TimeSpan MinReconnectForRedeliveryDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan MaxKeepAlive = TimeSpan.FromSeconds(ushort.MaxValue);

    /// <summary>The client id of the consuming client; null: the connection id.</summary>
    public string? ClientId { get; init; }

    /// <summary>The client id of the separate publisher client; null: client id (or connection id) + <c>p</c>.</summary>
    public string? PublisherId { get; init; }

    /// <summary>Whether targets publish through a second MQTT client with <see cref="PublisherId"/>.</summary>
    public bool SeparatePublisherClient { get; init; }

    /// <summary>Clean Session (3.1.1) / Clean Start (MQTT 5); false keeps the broker session across reconnects.</summary>
    public bool CleanSession { get; init; }

    /// <summary>Whether a message the data plane wants redelivered makes the client reconnect (instead of only withholding the ack).</summary>
    public bool ReconnectForRedelivery { get; init; }

    /// <summary>How long after such a message the client reconnects; at least <see cref="MinReconnectForRedeliveryDelay"/>.</summary>
    public TimeSpan ReconnectForRedeliveryDelay { get; init; } = DefaultReconnectForRedeliveryDelay;

    /// <summary>The MQTT keep alive; zero turns it off.</summary>
    public TimeSpan KeepAlive { get; init; } = DefaultKeepAlive;

    /// <summary>The topic of the last will; none means no last will.</summary>
    public string? LastWillTopic { get; init; }

    public MqttQos LastWillQos { get; init; }

    public bool LastWillRetain { get; init; }

    public string LastWillMessage { get; init; } = "";

    /// <summary>The last will of the consuming client, when <see cref="LastWillTopic"/> is set.</summary>
    public MqttWill? Will => LastWillTopic is { } topic
        ? new MqttWill(topic, System.Text.Encoding.UTF8.GetBytes(LastWillMessage), LastWillQos, LastWillRetain)
        : null;

    /// <summary>Parses <paramref name="config"/>; throws a misconfigured <see cref="ConnectionFailureException"/> for an invalid value.</summary>
    public static MqttSpecificConfig Parse(IReadOnlyDictionary<string, string> config)
    {
        var keepAlive = Duration(config, KeepAliveKey) ?? DefaultKeepAlive;
        if (keepAlive > MaxKeepAlive)
        {
            throw Invalid(KeepAliveKey, config[KeepAliveKey], "a duration between 0 and 65535s");
        }

        var delay = Duration(config, ReconnectForRedeliveryDelayKey) ?? DefaultReconnectForRedeliveryDelay;
        return new MqttSpecificConfig
        {
            ClientId = NonEmpty(config, ClientIdKey),
            PublisherId = NonEmpty(config, PublisherIdKey),
            SeparatePublisherClient = Flag(config, SeparatePublisherClientKey),
            CleanSession = Flag(config, CleanSessionKey),
            ReconnectForRedelivery = Flag(config, ReconnectForRedeliveryKey),
            ReconnectForRedeliveryDelay = delay < MinReconnectForRedeliveryDelay ? MinReconnectForRedeliveryDelay : delay,
            KeepAlive = TimeSpan.FromSeconds(Math.Floor(keepAlive.TotalSeconds)),
            LastWillTopic = NonEmpty(config, LastWillTopicKey),
            LastWillQos = Qos(config, LastWillQosKey),
            LastWillRetain = Flag(config, LastWillRetainKey),
            LastWillMessage = config.GetValueOrDefault(LastWillMessageKey) ?? "",
        };
    }

    /// <summary>
    /// The client id of client <paramref name="clientIndex"/>: <see cref="ClientId"/> or the connection id, with
    /// <c>_&lt;clientIndex&gt;</c> appended when the connection has several clients (each needs its own session).
    /// </summary>
    public string ConsumerClientId(Connection connection, int clientIndex) =>
        WithClientSuffix(ClientId ?? connection.Id, connection, clientIndex);

    /// <summary>The client id of the separate publisher: <see cref="PublisherId"/> or the consumer's base id + <c>p</c>, suffixed like <see cref="ConsumerClientId"/>.</summary>
    public string PublisherClientId(Connection connection, int clientIndex) =>
        WithClientSuffix(PublisherId ?? (ClientId ?? connection.Id) + "p", connection, clientIndex);

    private static string WithClientSuffix(string id, Connection connection, int clientIndex) =>
        connection.ClientCount >= 2 ? $"{id}_{clientIndex.ToString(CultureInfo.InvariantCulture)}" : id;

    private static string? NonEmpty(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    private static bool Flag(IReadOnlyDictionary<string, string> config, string key)
    {
        if (!config.TryGetValue(key, out var raw))
        {
            return false;
        }

        return bool.TryParse(raw, out var value) ? value : throw Invalid(key, raw, "true or false");
    }

    private static TimeSpan? Duration(IReadOnlyDictionary<string, string> config, string key)
    {
        if (!config.TryGetValue(key, out var raw))
        {
            return null;
        }

        return SpecificConfigDurations.Parse(raw) ?? throw Invalid(key, raw, "a duration such as 10s");
    }

    private static MqttQos Qos(IReadOnlyDictionary<string, string> config, string key) =>
        config.GetValueOrDefault(key) switch
        {
            null or "0" => MqttQos.AtMostOnce,
            "1" => MqttQos.AtLeastOnce,
            "2" => MqttQos.ExactlyOnce,
            var raw => throw Invalid(key, raw, "0, 1 or 2"),
        };

    private static ConnectionFailureException Invalid(string key, string value, string expected) =>
        ConnectionFailureException.Misconfigured($"The specificConfig '{key}' <{value}> is invalid; it must be {expected}.");
}
