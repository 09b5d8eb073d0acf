using System.IO.Pipelines;
using System.Net.Sockets;

namespace Connectivity.Protocols.Mqtt.Channels;

/// <summary>A channel over a connected socket's stream (plain or TLS); owns both.</summary>
public abstract class MqttStreamChannel : IMqttChannel
{
    private readonly Socket socket;
    private readonly Stream stream;
    private int disposed;

    private protected MqttStreamChannel(Socket socket, Stream stream, string endpoint)
    {
        this.socket = socket;
        this.stream = stream;
        Endpoint = endpoint;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4096, leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 4096, leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public string Endpoint { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        // Shutting the socket down first ends a read pending on another thread and makes a last flush fail fast
        // instead of blocking on a peer that does not read.
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }

        await CompleteQuietlyAsync(Output.CompleteAsync());
        await CompleteQuietlyAsync(Input.CompleteAsync());
        await stream.DisposeAsync();
        socket.Dispose();
    }

    private static async ValueTask CompleteQuietlyAsync(ValueTask completion)
    {
        try
        {
            await completion;
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            // unflushed bytes of a closed connection
        }
    }

    /// <summary>Opens a TCP connection with Nagle off; the timeout covers name resolution and the handshake.</summary>
    private protected static async Task<Socket> ConnectSocketAsync(string host, int port, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(host, port, timeout.Token);
            return socket;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"Connecting to {host}:{port} timed out after {connectTimeout}.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
