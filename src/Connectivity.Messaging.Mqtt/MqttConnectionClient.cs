using System.Diagnostics.CodeAnalysis;
using Connectivity.Model.Connections;
using Connectivity.Model.Monitoring;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Service.Clients;
using Connectivity.Service.Messaging;
using Microsoft.Extensions.Logging;

namespace Connectivity.Messaging.Mqtt;

/// <summary>
/// The client of an <c>mqtt</c> (3.1.1) or <c>mqtt-5</c> connection (spec §8.3): one <see cref="MqttClient"/> session that
/// subscribes every source address with the source's QoS (shared subscriptions <c>$share/&lt;connectionId&gt;/...</c> for
/// MQTT 5 with several clients) and hands what arrives to <see cref="ClientContext.InboundSink"/>, acknowledging a
/// message once the sink settled it; with <c>separatePublisherClient</c> a second session (<c>publisherId</c>) is
/// connected for the targets, which <see cref="Publisher"/> publishes to. User name and password come from the URI,
/// TLS (<c>ssl://</c>) from <c>ca</c>, <c>validateCertificates</c> and <c>client-cert</c> credentials. A broken session is reported through
/// <see cref="ClientContext.OnConnectionLost"/>; the client actor then reconnects with a fresh instance.
/// </summary>
[SuppressMessage(
    "Reliability",
    "CA2213:Disposable fields should be disposed",
    Justification = "The lifetime source is only cancelled: handlers of a disposing session may still read its token.")]
public sealed partial class MqttConnectionClient : IConnectionClient
{
    /// <summary>The default limit for opening the TCP (and TLS) connection and receiving CONNACK.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The MQTT 5 Session Expiry Interval of a session that is not clean (Ditto's service default, 60 s).</summary>
    public const uint SessionExpiryInterval = 60;

    private readonly Connection connection;
    private readonly ClientContext context;
    private readonly string maskedUri;
    private readonly MqttSpecificConfig config;
    private readonly MqttClientOptions consumerOptions;
    private readonly MqttClientOptions? publisherOptions;
    private readonly MqttSubscriptions subscriptions;
    private readonly ILogger logger;
    private readonly CancellationTokenSource lifetime = new();
    private readonly Lock gate = new();
    private MqttClient? consumer;
    private MqttClient? publisher;
    private MqttPublisher? targetPublisher;
    private DateTimeOffset? connectedSince;
    private ITimer? redeliveryReconnect;

    /// <summary>Prepares the sessions; throws a misconfigured <see cref="ConnectionFailureException"/> for unusable settings.</summary>
    public MqttConnectionClient(Connection connection, ClientContext context, TimeSpan connectTimeout)
    {
        this.connection = connection;
        this.context = context;
        var uri = connection.ParsedUri;
        maskedUri = uri.Masked;
        config = MqttSpecificConfig.Parse(connection.SpecificConfig);
        logger = context.LoggerFactory.CreateLogger<MqttConnectionClient>();
        var host = uri.Host.Trim('[', ']');
        var useTls = uri.Scheme == connection.Type.SecureScheme();
        var options = new MqttClientOptions
        {
            Host = host,
            Port = uri.Port,
            UseTls = useTls,
            Version = connection.Type == ConnectionType.Mqtt5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311,
            Username = uri.Username,
            Password = uri.Password,
            CleanSession = config.CleanSession,
            SessionExpiryInterval = config.CleanSession ? 0 : SessionExpiryInterval,
            KeepAlive = config.KeepAlive,
            ConnectTimeout = connectTimeout,
        };
        consumerOptions = options with
        {
            ClientId = config.ConsumerClientId(connection, context.ClientIndex),
            Tls = useTls ? ConnectionTls.ClientOptions(connection, host) : null,
            Will = config.Will,
        };
        publisherOptions = config.SeparatePublisherClient
            ? options with
            {
                ClientId = config.PublisherClientId(connection, context.ClientIndex),
                Tls = useTls ? ConnectionTls.ClientOptions(connection, host) : null,
            }
            : null;
        subscriptions = new MqttSubscriptions(connection, MqttSubscriptions.SharedGroup(connection));
    }

    /// <summary>The MQTT client id of the consuming session.</summary>
    public string ConsumerClientId => consumerOptions.ClientId;

    /// <summary>The MQTT client id of the separate publisher session, or null when the consuming session publishes.</summary>
    public string? PublisherClientId => publisherOptions?.ClientId;

    /// <summary>The session targets publish through: the separate publisher, else the consuming session (null before connecting).</summary>
    internal MqttClient? PublishingClient
    {
        get
        {
            lock (gate)
            {
                return publisher ?? consumer;
            }
        }
    }

    /// <summary>Publishes through <see cref="PublishingClient"/> once connected; null before, and after the connection was lost or closed.</summary>
    public IMessagePublisher? Publisher
    {
        get
        {
            lock (gate)
            {
                return connectedSince is null ? null : targetPublisher;
            }
        }
    }

    /// <summary>
    /// Connects the consuming session, subscribes every source (a refused subscription marks its source failed and is
    /// logged, the connection stays up), then connects the separate publisher if configured.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var main = await StartAsync(consumerOptions, receives: true, cancellationToken).ConfigureAwait(false);
        await SubscribeAsync(main, cancellationToken).ConfigureAwait(false);
        var publishing = publisherOptions is { } options
            ? await StartAsync(options, receives: false, cancellationToken).ConfigureAwait(false)
            : main;
        lock (gate)
        {
            targetPublisher = new MqttPublisher(connection.Id, publishing, consumerOptions.Version, logger);
            connectedSince = context.TimeProvider.GetUtcNow();
        }
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        MqttClient? main;
        MqttClient? separate;
        lock (gate)
        {
            connectedSince = null;
            (main, separate) = (consumer, publisher);
        }

        if (separate is not null)
        {
            await separate.DisconnectAsync(MqttDisconnectReasonCode.NormalDisconnection, cancellationToken).ConfigureAwait(false);
        }

        if (main is not null)
        {
            await main.DisconnectAsync(MqttDisconnectReasonCode.NormalDisconnection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One status per address and consumer of every source: open when subscribed, failed when the broker refused.</summary>
    public IReadOnlyList<ResourceStatus> SourceStatuses() => subscriptions.Statuses(context.ClientId);

    /// <summary>One entry per target: <c>open</c> since the publishing session connected, else <c>closed</c>.</summary>
    public IReadOnlyList<ResourceStatus> TargetStatuses()
    {
        DateTimeOffset? since;
        lock (gate)
        {
            since = connectedSince;
        }

        return
        [
            .. connection.Targets.Select(target => new ResourceStatus(
                ResourceType.Target, context.ClientId, target.Address, since is null ? LiveStatus.Closed : LiveStatus.Open, InStateSince: since)),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        MqttClient? main;
        MqttClient? separate;
        lock (gate)
        {
            lifetime.Cancel();
            redeliveryReconnect?.Dispose();
            connectedSince = null;
            (main, separate) = (consumer, publisher);
            (consumer, publisher) = (null, null);
        }

        if (separate is not null)
        {
            await separate.DisposeAsync().ConfigureAwait(false);
        }

        if (main is not null)
        {
            await main.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<MqttClient> StartAsync(MqttClientOptions options, bool receives, CancellationToken cancellationToken)
    {
        var client = new MqttClient(options, context.LoggerFactory, context.TimeProvider);
        if (receives)
        {
            client.MessageReceived = OnMessageAsync;
        }

        client.Disconnected += lost => OnDisconnected(options.ClientId, lost);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(lifetime.IsCancellationRequested, this);
            if (receives)
            {
                consumer = client;
            }
            else
            {
                publisher = client;
            }
        }

        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw MqttFailures.OfConnect(e, maskedUri, consumerOptions.Version);
        }

        MqttConnectionClientLog.Connected(logger, connection.Id, options.ClientId, maskedUri);
        return client;
    }

    private void OnDisconnected(string mqttClientId, MqttClientDisconnectedEventArgs lost)
    {
        if (lifetime.IsCancellationRequested)
        {
            return;
        }

        var failure = MqttFailures.OfDisconnect(lost, maskedUri);
        MqttConnectionClientLog.ConnectionLost(logger, connection.Id, mqttClientId, failure.Message);
        lock (gate)
        {
            connectedSince = null;
        }

        context.OnConnectionLost(failure);
    }
}
