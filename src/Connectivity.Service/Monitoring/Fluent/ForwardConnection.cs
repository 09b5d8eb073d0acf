using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;

namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>
/// One TCP (optionally TLS) connection to a Forward-protocol server. A read loop watches the socket: it completes the
/// acknowledgements the server sends (<c>{"ack": chunk}</c>) and notices when the server closes the connection,
/// after which <see cref="IsOpen"/> is false and waiting senders fail. One writer at a time.
/// </summary>
internal sealed class ForwardConnection : IAsyncDisposable
{
    private const int MaxResponseBytes = 64 * 1024;

    private readonly Stream stream;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> pendingAcks = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource closing = new();
    private readonly Task readLoop;
    private volatile bool open = true;

    private ForwardConnection(Stream stream)
    {
        this.stream = stream;
        readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>False once the server closed the connection, a read or write failed, or it was disposed.</summary>
    public bool IsOpen => open;

    /// <summary>Connects within <see cref="FluencyOptions.ConnectionTimeout"/> (and the TLS handshake when enabled).</summary>
    /// <exception cref="TimeoutException">If connecting took too long.</exception>
    public static async Task<ForwardConnection> OpenAsync(
        FluencyOptions options, RemoteCertificateValidationCallback? certificateValidation, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        using var timeout = new CancellationTokenSource(options.ConnectionTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, linked.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (options.SslEnabled)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions { TargetHost = options.Host, RemoteCertificateValidationCallback = certificateValidation },
                    linked.Token).ConfigureAwait(false);
            }

            return new ForwardConnection(stream);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await DisposeQuietlyAsync(stream, socket).ConfigureAwait(false);
            throw new TimeoutException($"Connecting to {options.Host}:{options.Port} took longer than {options.ConnectionTimeout}.");
        }
        catch
        {
            await DisposeQuietlyAsync(stream, socket).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Writes one message; with a <paramref name="chunk"/> id, also waits for its acknowledgement. Both within
    /// <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="IOException">If the connection is or gets closed.</exception>
    /// <exception cref="TimeoutException">If writing or the acknowledgement took too long.</exception>
    public async Task SendAsync(ReadOnlyMemory<byte> message, string? chunk, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!open)
        {
            throw new IOException("The connection to the Fluentd endpoint is closed.");
        }

        TaskCompletionSource? ack = null;
        if (chunk is not null)
        {
            ack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pendingAcks[chunk] = ack;
            if (!open)
            {
                pendingAcks.TryRemove(chunk, out _);
                throw new IOException("The connection to the Fluentd endpoint is closed.");
            }
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token, closing.Token);
        try
        {
            await stream.WriteAsync(message, linked.Token).ConfigureAwait(false);
            await stream.FlushAsync(linked.Token).ConfigureAwait(false);
            if (ack is not null)
            {
                await ack.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            open = false;
            throw deadline.IsCancellationRequested
                ? new TimeoutException(ack is null ? "Writing to the Fluentd endpoint timed out." : $"No acknowledgement of chunk {chunk} within {timeout}.")
                : new IOException("The connection to the Fluentd endpoint was closed.");
        }
        catch
        {
            open = false;
            throw;
        }
        finally
        {
            if (chunk is not null)
            {
                pendingAcks.TryRemove(chunk, out _);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        open = false;
        await closing.CancelAsync().ConfigureAwait(false);
        await stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            await readLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The read loop ends with the stream; how does not matter any more.
        }

        closing.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[4096];
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxResponseBytes)
                    {
                        return; // not a Forward-protocol server: give the connection up
                    }

                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), closing.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                while (filled > 0 && MessagePackReader.TryRead(buffer.AsSpan(0, filled), out var response, out var consumed))
                {
                    if (ForwardMessages.AckOf(response) is { } acked && pendingAcks.TryRemove(acked, out var waiter))
                    {
                        waiter.TrySetResult();
                    }

                    Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                    filled -= consumed;
                }
            }
        }
        catch (Exception)
        {
            // Closed by the server, reset, or garbage: the connection is unusable either way.
        }
        finally
        {
            open = false;
            foreach (var waiter in pendingAcks.Values)
            {
                waiter.TrySetException(new IOException("The Fluentd endpoint closed the connection."));
            }
        }
    }

    private static async ValueTask DisposeQuietlyAsync(Stream? stream, Socket socket)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        socket.Dispose();
    }
}
