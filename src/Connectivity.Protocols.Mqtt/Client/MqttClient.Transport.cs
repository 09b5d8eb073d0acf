using System.Buffers;
using System.Net.Sockets;
using Connectivity.Protocols.Mqtt.Channels;
using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>Sending (one writer loop, one flush per batch of queued packets), closing, and keep-alive (MQTT 5 §3.1.2.10).</summary>
public sealed partial class MqttClient
{
    // Bytes written before a flush even if more packets are queued.
    private const int FlushThreshold = 64 * 1024;

    // UTC ticks of the last flush; from GetUtcNow (not GetTimestamp) so a test clock drives keep-alive.
    private long lastSent;

    /// <summary>Encodes the packet and queues it for the writer loop.</summary>
    private void Send(MqttPacket packet) => _ = Enqueue(packet, awaitWrite: false);

    /// <summary>Encodes the packet and queues it for the writer loop; the task completes once it was flushed.</summary>
    private Task SendFlushedAsync(MqttPacket packet) => Enqueue(packet, awaitWrite: true);

    private Task Enqueue(MqttPacket packet, bool awaitWrite)
    {
        var buffer = new ArrayBufferWriter<byte>(packet is PublishPacket publish ? publish.Payload.Length + publish.Topic.Length + 64 : 64);
        formatter.Encode(packet, buffer);
        if (connAck?.MaximumPacketSize is { } maximum && buffer.WrittenCount > maximum)
        {
            throw new MqttProtocolException(
                $"The {packet.PacketType} of {buffer.WrittenCount} bytes exceeds the server's Maximum Packet Size {maximum}.",
                MqttDisconnectReasonCode.PacketTooLarge);
        }

        var written = awaitWrite ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        if (!outgoing.Writer.TryWrite(new Outgoing(buffer.WrittenMemory, written)))
        {
            throw new MqttCommunicationException($"The connection to {Endpoint} is closed.");
        }

        return written?.Task ?? Task.CompletedTask;
    }

    /// <summary>
    /// Ends the connection once: fails every waiter, stops the loops, closes the channel and, for an established
    /// connection that was not disconnected on purpose, raises <see cref="Disconnected"/>.
    /// </summary>
    private void Close(Exception? error, DisconnectPacket? serverDisconnect)
    {
        if (Interlocked.Exchange(ref closing, 1) != 0)
        {
            return;
        }

        var previous = (MqttClientState)Interlocked.Exchange(ref state, (int)MqttClientState.Closed);
        var failure = error as MqttCommunicationException ?? new MqttCommunicationException(
            serverDisconnect is null
                ? $"The connection to {Endpoint} is closed."
                : $"The server {Endpoint} disconnected: {serverDisconnect.ReasonCode} {serverDisconnect.ReasonString}",
            error);
        dispatcher.FailAll(failure);
        outgoing.Writer.TryComplete();
        inbound.Writer.TryComplete();
        lifetime.Cancel();
        closed = CloseChannelAsync();
        if (previous == MqttClientState.Connected && !disconnectRequested)
        {
            if (serverDisconnect is not null)
            {
                MqttClientLog.ServerDisconnected(logger, Endpoint, serverDisconnect.ReasonCode, serverDisconnect.ReasonString);
            }
            else
            {
                MqttClientLog.ConnectionLost(logger, Endpoint, error);
            }

            try
            {
                Disconnected?.Invoke(new MqttClientDisconnectedEventArgs(error, serverDisconnect));
            }
            catch (Exception exception)
            {
                MqttClientLog.EventHandlerFailed(logger, nameof(Disconnected), exception);
            }
        }
    }

    private async Task CloseChannelAsync()
    {
        if (channel is not { } open)
        {
            return;
        }

        foreach (var loop in new[] { writeLoop, receiveLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await open.DisposeAsync();
    }

    private async Task WriteLoopAsync(IMqttChannel open)
    {
        await Task.Yield();
        var reader = outgoing.Reader;
        var written = new List<TaskCompletionSource>();
        Exception? failure = null;
        try
        {
            while (await reader.WaitToReadAsync(lifetime.Token))
            {
                var pending = 0;
                while (pending < FlushThreshold && reader.TryRead(out var item))
                {
                    open.Output.Write(item.Bytes.Span);
                    pending += item.Bytes.Length;
                    if (item.Written is { } done)
                    {
                        written.Add(done);
                    }
                }

                var flushed = await open.Output.FlushAsync(lifetime.Token);
                Volatile.Write(ref lastSent, time.GetUtcNow().UtcTicks);
                foreach (var done in written)
                {
                    done.TrySetResult();
                }

                written.Clear();
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            failure = new MqttCommunicationException($"Sending to {Endpoint} failed: {exception.Message}", exception);
            Close(failure, null);
        }
        finally
        {
            failure ??= new MqttCommunicationException($"The connection to {Endpoint} is closed.");
            foreach (var done in written)
            {
                done.TrySetException(failure);
            }

            while (reader.TryRead(out var item))
            {
                item.Written?.TrySetException(failure);
            }
        }
    }

    /// <summary>
    /// Sends PINGREQ when nothing was sent for the keep-alive interval; no PINGRESP within CommunicationTimeout
    /// ends the connection (MQTT 5 §3.1.2.10, §4.13).
    /// </summary>
    private async Task KeepAliveLoopAsync(TimeSpan keepAlive)
    {
        if (keepAlive <= TimeSpan.Zero)
        {
            return;
        }

        Volatile.Write(ref lastSent, time.GetUtcNow().UtcTicks);
        try
        {
            while (!lifetime.IsCancellationRequested)
            {
                var idle = TimeSpan.FromTicks(time.GetUtcNow().UtcTicks - Volatile.Read(ref lastSent));
                if (idle < keepAlive)
                {
                    await Task.Delay(keepAlive - idle, time, lifetime.Token);
                    continue;
                }

                // The timeout is armed before PINGREQ leaves, so a test clock can be moved as soon as the peer sees it.
                var pong = dispatcher.Register(MqttPacketType.PingResp, 0);
                using var answered = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                var patience = Task.Delay(options.CommunicationTimeout, time, answered.Token);
                MqttClientLog.Ping(logger, Endpoint);
                Send(PingReqPacket.Instance);
                if (await Task.WhenAny(pong, patience) != pong)
                {
                    dispatcher.Forget(MqttPacketType.PingResp, 0);
                    await patience; // throws if the connection closed meanwhile
                    Close(new MqttCommunicationException(
                        $"Keep-alive timeout: no PINGRESP from {Endpoint} within {options.CommunicationTimeout}."), null);
                    return;
                }

                await answered.CancelAsync();
                await pong;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or MqttCommunicationException)
        {
            // the connection ended
        }
    }
}
