using System.Buffers;
using System.Net.Sockets;
using Connectivity.Protocols.Mqtt.Channels;
using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>The writer loop (one flush per batch of queued packets) and keep-alive (MQTT 5 §3.1.2.10).</summary>
public sealed partial class MqttClient
{
    // Bytes written before a flush even if more packets are queued.
    private const int FlushThreshold = 64 * 1024;

    // UTC ticks of the last flush; from GetUtcNow (not GetTimestamp) so a test clock drives keep-alive.
    private long lastSent;

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
