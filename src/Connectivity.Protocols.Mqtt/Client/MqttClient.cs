using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Connectivity.Protocols.Mqtt.Channels;
using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>
/// One MQTT 3.1.1 or 5 network connection (MQTT 5 §4): CONNECT/CONNACK, then publishing at QoS 0/1/2 with the
/// acknowledgement flows tracked by packet identifier in both directions, subscriptions, keep-alive and an
/// orderly DISCONNECT. Packets go out through one writer loop and come in through one receive loop on the
/// channel's pipes. A client connects once; <see cref="ManagedMqttClient"/> reconnects.
/// </summary>
public sealed partial class MqttClient : IAsyncDisposable
{
    private readonly MqttClientOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly IMqttPacketFormatter formatter;
    private readonly MqttPacketDispatcher dispatcher = new();
    private readonly MqttPacketIdentifiers packetIdentifiers = new();
    private readonly CancellationTokenSource lifetime = new();
    private readonly Channel<Outgoing> outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private IMqttChannel? channel;
    private int state;
    private int closing;
    private volatile bool disconnectRequested;
    private Task closed = Task.CompletedTask;
    private Task? writeLoop;
    private Task? receiveLoop;
    private Task? keepAliveLoop;
    private Task? deliveryLoop;
    private ConnAckPacket? connAck;

    public MqttClient(MqttClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.KeepAlive < TimeSpan.Zero || options.KeepAlive.TotalSeconds > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "KeepAlive must be between 0 and 65535 seconds.");
        }

        this.options = options;
        logger = loggerFactory?.CreateLogger<MqttClient>() ?? NullLogger<MqttClient>.Instance;
        time = timeProvider ?? TimeProvider.System;
        formatter = MqttPacketFormatter.For(options.Version);
        Endpoint = $"{options.Host}:{options.Port}";
        topicAliases = new MqttTopicAliases(options.TopicAliasMaximum);
        // Room for every QoS 1/2 message the server may leave unacknowledged (our Receive Maximum) plus a buffer for
        // QoS 0: while the handler holds acknowledgements back, the receive loop keeps reading (the server's PUBACKs
        // for our own publishes among them) instead of waiting for room.
        inbound = Channel.CreateBounded<PublishPacket>(
            new BoundedChannelOptions(options.ReceiveMaximum + InboundBuffer) { SingleReader = true, SingleWriter = true });
    }

    /// <summary>
    /// Called for every message the server delivers, one at a time and in order. True acknowledges it (PUBACK,
    /// PUBREC); false withholds the acknowledgement, so a server with a persistent session redelivers it after a
    /// reconnect. Without a handler every message is acknowledged.
    /// </summary>
    public Func<MqttReceivedMessage, ValueTask<bool>>? MessageReceived { get; set; }

    /// <summary>Raised once when an established connection ends for any reason other than <see cref="DisconnectAsync"/>.</summary>
    public event Action<MqttClientDisconnectedEventArgs>? Disconnected;

    /// <summary>Whether CONNACK accepted the connection and it has not ended since.</summary>
    public bool IsConnected => State == MqttClientState.Connected;

    /// <summary>The server's CONNACK once connected.</summary>
    public ConnAckPacket? ConnAck => connAck;

    /// <summary><c>host:port</c> of the server.</summary>
    public string Endpoint { get; }

    private MqttClientState State => (MqttClientState)Volatile.Read(ref state);

    /// <summary>Opens the network connection, sends CONNECT and waits for CONNACK (all within ConnectTimeout).</summary>
    /// <exception cref="MqttConnectException">CONNACK refused the connection.</exception>
    /// <exception cref="MqttCommunicationException">The server cannot be reached or did not answer in time.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The TLS handshake failed.</exception>
    public async Task<ConnAckPacket> ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref state, (int)MqttClientState.Connecting, (int)MqttClientState.Created) != (int)MqttClientState.Created)
        {
            throw new InvalidOperationException("An MqttClient connects once; create a new one to reconnect.");
        }

        using var timeout = new CancellationTokenSource(options.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        MqttClientLog.Connecting(logger, options.Version, Endpoint, options.ClientId, options.Username, options.UseTls);
        try
        {
            channel = await OpenChannelAsync(linked.Token);
            var reply = dispatcher.Register(MqttPacketType.ConnAck, 0);
            writeLoop = WriteLoopAsync(channel);
            receiveLoop = ReceiveLoopAsync(channel);
            Send(ConnectPacket());
            var accepted = (ConnAckPacket)await reply.WaitAsync(linked.Token);
            if (accepted.ReasonCode != MqttConnectReasonCode.Success)
            {
                MqttClientLog.ConnectRefused(logger, Endpoint, accepted.ReasonCode, accepted.ReasonString);
                throw new MqttConnectException(accepted);
            }

            OnConnected(accepted);
            return accepted;
        }
        catch (Exception exception)
        {
            disconnectRequested = true;
            Close(exception, null);
            await closed;
            if (exception is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new MqttCommunicationException($"Connecting to {Endpoint} timed out after {options.ConnectTimeout}.", new TimeoutException());
            }

            if (exception is SocketException or IOException or TimeoutException)
            {
                throw new MqttCommunicationException($"Cannot connect to {Endpoint}: {exception.Message}", exception);
            }

            throw;
        }
    }

    /// <summary>Sends DISCONNECT with the reason (MQTT 5; 3.1.1 has none) and closes the connection; no Disconnected event.</summary>
    public async Task DisconnectAsync(
        MqttDisconnectReasonCode reason = MqttDisconnectReasonCode.NormalDisconnection, CancellationToken cancellationToken = default)
    {
        disconnectRequested = true;
        if (State == MqttClientState.Connected)
        {
            try
            {
                await SendFlushedAsync(new DisconnectPacket { ReasonCode = reason })
                    .WaitAsync(options.CommunicationTimeout, time, cancellationToken);
                MqttClientLog.Disconnected(logger, Endpoint, reason);
            }
            catch (Exception exception) when (exception is MqttCommunicationException or TimeoutException or OperationCanceledException)
            {
                // the connection is going anyway
            }
        }

        Close(null, null);
        await closed;
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        foreach (var loop in new[] { keepAliveLoop, deliveryLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        lifetime.Dispose();
    }

    private async Task<IMqttChannel> OpenChannelAsync(CancellationToken cancellationToken)
    {
        if (!options.UseTls)
        {
            return await MqttTcpChannel.ConnectAsync(options.Host, options.Port, options.ConnectTimeout, cancellationToken);
        }

        return await MqttTlsChannel.ConnectAsync(
            options.Host, options.Port, options.Tls ?? new SslClientAuthenticationOptions(), options.ConnectTimeout, cancellationToken);
    }

    private ConnectPacket ConnectPacket() => new()
    {
        ClientId = options.ClientId,
        CleanSession = options.CleanSession,
        KeepAlive = (ushort)options.KeepAlive.TotalSeconds,
        Username = options.Username,
        Password = options.Password is null ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes(options.Password),
        Will = options.Will,
        SessionExpiryInterval = options.SessionExpiryInterval,
        ReceiveMaximum = options.ReceiveMaximum,
        MaximumPacketSize = (uint)options.MaximumPacketSize,
        TopicAliasMaximum = options.TopicAliasMaximum,
        UserProperties = options.UserProperties,
    };

    private void OnConnected(ConnAckPacket accepted)
    {
        connAck = accepted;
        sendQuota = new SemaphoreSlim(Math.Max((int)accepted.ReceiveMaximum, 1));
        var keepAlive = accepted.ServerKeepAlive is { } serverKeepAlive ? TimeSpan.FromSeconds(serverKeepAlive) : options.KeepAlive;
        if (Interlocked.CompareExchange(ref state, (int)MqttClientState.Connected, (int)MqttClientState.Connecting) != (int)MqttClientState.Connecting)
        {
            throw new MqttCommunicationException($"The connection to {Endpoint} closed right after CONNACK.");
        }

        MqttClientLog.Connected(logger, Endpoint, accepted.AssignedClientIdentifier ?? options.ClientId, accepted.SessionPresent, keepAlive, accepted.ReceiveMaximum);
        deliveryLoop = DeliveryLoopAsync();
        keepAliveLoop = KeepAliveLoopAsync(keepAlive);
    }

    private void EnsureConnected()
    {
        if (State != MqttClientState.Connected)
        {
            throw new MqttCommunicationException($"The MQTT client is not connected to {Endpoint}.");
        }
    }

    private readonly record struct Outgoing(ReadOnlyMemory<byte> Bytes, TaskCompletionSource? Written);
}
