using Connectivity.Protocols.Mqtt.Packets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>
/// Keeps an MQTT connection up: reconnects with exponential backoff, subscribes again to the topic filters it was
/// given, holds publishes made while disconnected (bounded), and sends unacknowledged QoS 1/2 publishes again with
/// DUP after a reconnect (with the same packet identifier, or PUBREL, when the server kept the session; §4.4),
/// so no acknowledged-delivery message is lost when the broker restarts.
/// </summary>
public sealed partial class ManagedMqttClient : IAsyncDisposable
{
    private readonly ManagedMqttClientOptions options;
    private readonly ILoggerFactory? loggerFactory;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Dictionary<string, MqttTopicFilter> subscriptions = [];
    private readonly HashSet<string> unsubscribedWhileAway = [];
    private readonly CancellationTokenSource stopping = new();
    private volatile MqttClient? current;
    private Task? running;

    public ManagedMqttClient(ManagedMqttClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPendingPublishes);
        this.options = options;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory?.CreateLogger<ManagedMqttClient>() ?? NullLogger<ManagedMqttClient>.Instance;
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Called for every delivered message, in order per connection; true acknowledges it (see <see cref="MqttClient.MessageReceived"/>).</summary>
    public Func<MqttReceivedMessage, ValueTask<bool>>? MessageReceived { get; set; }

    /// <summary>Raised after each successful connect, once subscriptions are renewed.</summary>
    public event Action<ConnAckPacket>? Connected;

    /// <summary>Raised when an established connection ends other than by <see cref="StopAsync"/>.</summary>
    public event Action<MqttClientDisconnectedEventArgs>? Disconnected;

    /// <summary>Raised when a connect attempt fails (refused, unreachable, TLS), before the backoff delay.</summary>
    public event Action<Exception>? ConnectFailed;

    /// <summary>Whether a connection is established now.</summary>
    public bool IsConnected => current?.IsConnected == true;

    /// <summary>Starts connecting in the background; returns at once.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
        if (running is not null)
        {
            throw new InvalidOperationException("The managed client is started already.");
        }

        running = RunAsync(stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Disconnects (DISCONNECT) and stops reconnecting; publishes still pending fail.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync();
        }

        if (running is not null)
        {
            await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        FailPending(new MqttCommunicationException("The managed MQTT client stopped."));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stopping.Dispose();
    }

    /// <summary>
    /// Remembers the topic filters (subscribed again after every reconnect) and subscribes now if connected.
    /// Returns the SUBACK, or null when not connected (the filters are subscribed on connect).
    /// </summary>
    public async Task<SubAckPacket?> SubscribeAsync(IReadOnlyList<MqttTopicFilter> topicFilters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicFilters);
        lock (subscriptions)
        {
            foreach (var filter in topicFilters)
            {
                subscriptions[filter.Topic] = filter;
                unsubscribedWhileAway.Remove(filter.Topic);
            }
        }

        if (current is not { IsConnected: true } client)
        {
            return null;
        }

        try
        {
            return await TrySubscribeAsync(client, topicFilters, cancellationToken);
        }
        catch (MqttCommunicationException)
        {
            return null; // subscribed on the next connect
        }
    }

    /// <summary>Forgets the topic filters and unsubscribes now if connected (otherwise on the next connect).</summary>
    public async Task UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicFilters);
        lock (subscriptions)
        {
            foreach (var topic in topicFilters)
            {
                subscriptions.Remove(topic);
                unsubscribedWhileAway.Add(topic);
            }
        }

        if (current is { IsConnected: true } client)
        {
            try
            {
                await client.UnsubscribeAsync(topicFilters, cancellationToken);
                lock (subscriptions)
                {
                    unsubscribedWhileAway.ExceptWith(topicFilters);
                }
            }
            catch (MqttCommunicationException)
            {
                // unsubscribed on the next connect
            }
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        await Task.Yield();
        var attempt = 0;
        while (!stop.IsCancellationRequested)
        {
            var client = new MqttClient(options.Client, loggerFactory, time) { MessageReceived = OnMessageAsync };
            var lost = new TaskCompletionSource<MqttClientDisconnectedEventArgs?>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.Disconnected += args => lost.TrySetResult(args);
            ConnAckPacket connAck;
            try
            {
                connAck = await client.ConnectAsync(stop);
                await RenewSubscriptionsAsync(client, connAck.SessionPresent, stop);
            }
            catch (Exception exception) when (!stop.IsCancellationRequested)
            {
                await client.DisposeAsync();
                var delay = Backoff(attempt++);
                ManagedMqttClientLog.ConnectFailed(logger, client.Endpoint, attempt, delay, exception);
                Raise(ConnectFailed, exception, nameof(ConnectFailed));
                await DelayAsync(delay, stop);
                continue;
            }
            catch (OperationCanceledException)
            {
                await client.DisposeAsync();
                break;
            }

            attempt = 0;
            current = client;
            using var connectionEnded = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var sender = SendLoopAsync(client, connectionEnded.Token);
            Raise(Connected, connAck, nameof(Connected));
            using (stop.Register(() => lost.TrySetResult(null)))
            {
                var ended = await lost.Task;
                current = null;
                await connectionEnded.CancelAsync();
                await sender;
                await client.DisposeAsync();
                await AwaitFlightsAsync();
                if (ended is null)
                {
                    break;
                }

                Raise(Disconnected, ended, nameof(Disconnected));
            }

            var reconnectDelay = Backoff(attempt++);
            ManagedMqttClientLog.Reconnecting(logger, client.Endpoint, reconnectDelay);
            await DelayAsync(reconnectDelay, stop);
        }
    }

    private async Task RenewSubscriptionsAsync(MqttClient client, bool sessionPresent, CancellationToken cancellationToken)
    {
        List<MqttTopicFilter> filters;
        List<string> removed;
        lock (subscriptions)
        {
            filters = [.. subscriptions.Values];
            removed = sessionPresent ? [.. unsubscribedWhileAway] : [];
            unsubscribedWhileAway.Clear();
        }

        if (removed.Count > 0)
        {
            await client.UnsubscribeAsync(removed, cancellationToken);
        }

        if (filters.Count > 0)
        {
            await TrySubscribeAsync(client, filters, cancellationToken);
            ManagedMqttClientLog.Resubscribed(logger, client.Endpoint, filters.Count);
        }
    }

    private async Task<SubAckPacket?> TrySubscribeAsync(MqttClient client, IReadOnlyList<MqttTopicFilter> filters, CancellationToken cancellationToken)
    {
        var subAck = await client.SubscribeAsync(filters, cancellationToken);
        for (var i = 0; i < Math.Min(filters.Count, subAck.ReasonCodes.Count); i++)
        {
            if ((byte)subAck.ReasonCodes[i] >= 0x80)
            {
                ManagedMqttClientLog.SubscriptionRefused(logger, client.Endpoint, filters[i].Topic, subAck.ReasonCodes[i]);
            }
        }

        return subAck;
    }

    /// <summary>Raises an event; a throwing handler is logged and must not stop the connection loop.</summary>
    private void Raise<T>(Action<T>? handlers, T args, string name)
    {
        try
        {
            handlers?.Invoke(args);
        }
        catch (Exception exception)
        {
            MqttClientLog.EventHandlerFailed(logger, name, exception);
        }
    }

    private ValueTask<bool> OnMessageAsync(MqttReceivedMessage message) =>
        MessageReceived is { } handler ? handler(message) : ValueTask.FromResult(true);

    private TimeSpan Backoff(int attempt)
    {
        var delay = options.MinReconnectDelay * Math.Pow(2, Math.Min(attempt, 30));
        return delay < options.MaxReconnectDelay ? delay : options.MaxReconnectDelay;
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, time, stop);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}
