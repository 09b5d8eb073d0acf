using System.Buffers;
using System.Net.Security;
using Microsoft.Extensions.Logging;

namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>
/// Sends events to Fluentd / Fluent Bit over the Forward protocol v1, like the Fluency library Ditto uses.
/// <see cref="Emit"/> only encodes the entry into a bounded buffer and returns: it never waits for the network and
/// never throws. A background task checks every <see cref="FluencyOptions.FlushAttemptInterval"/> whether the buffer
/// is due (its oldest entry is <see cref="FluencyOptions.BufferChunkRetentionTime"/> old, or it holds
/// <see cref="FluencyOptions.BufferChunkRetentionSize"/> bytes) and then sends everything buffered in chunks, one
/// message per tag, connecting (again) as needed. A failed chunk is retried with backoff
/// (<see cref="FluencyOptions.SenderBaseRetryInterval"/> doubling up to <see cref="FluencyOptions.SenderMaxRetryInterval"/>)
/// and dropped after <see cref="FluencyOptions.SenderMaxRetryCount"/> retries; while the server is unreachable the
/// buffer keeps the newest <see cref="FluencyOptions.MaxBufferSize"/> bytes and drops the oldest entries.
/// Disposing sends what is left for up to <see cref="FluencyOptions.WaitUntilBufferFlushed"/>.
/// </summary>
public sealed partial class FluentForwardClient : IAsyncDisposable
{
    private readonly FluencyOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly RemoteCertificateValidationCallback? certificateValidation;
    private readonly ForwardBuffer buffer;
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource aborting;
    private readonly Task sender;
    private TaskCompletionSource wakeSignal = NewSignal();
    private ForwardConnection? connection;
    private long sent;
    private long droppedAfterRetries;
    private int overflowReported;
    private int disposed;

    /// <param name="certificateValidation">Replaces the system's validation of the server certificate (with <see cref="FluencyOptions.SslEnabled"/>).</param>
    public FluentForwardClient(
        FluencyOptions options, TimeProvider time, ILogger<FluentForwardClient> logger, RemoteCertificateValidationCallback? certificateValidation = null)
    {
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.certificateValidation = certificateValidation;
        buffer = new ForwardBuffer(options.MaxBufferSize);
        aborting = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        sender = Task.Run(RunAsync);
    }

    /// <summary>Entries the server received (written, or acknowledged in <see cref="FluencyOptions.AckResponseMode"/>).</summary>
    public long SentCount => Interlocked.Read(ref sent);

    /// <summary>
    /// Entries given up: dropped from a full buffer or after the retries of their chunk. (An entry evicted from a full
    /// buffer while its chunk was on the wire may still arrive: it counts as dropped and as sent.)
    /// </summary>
    public long DroppedCount => buffer.Dropped + Interlocked.Read(ref droppedAfterRetries);

    /// <summary>Entries waiting to be sent.</summary>
    public int BufferedCount => buffer.Count;

    /// <summary>Whether a connection to the server is open right now (false until the first send).</summary>
    public bool IsConnected => Volatile.Read(ref connection) is { IsOpen: true };

    /// <summary>Buffers one event for sending. Never blocks and never throws.</summary>
    /// <returns>False if the event was not taken: the client is disposed, the record cannot be encoded, or it alone
    /// exceeds the buffer.</returns>
    public bool Emit(string tag, DateTimeOffset timestamp, IEnumerable<KeyValuePair<string, object?>> record)
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            return false;
        }

        try
        {
            var entry = ForwardMessages.EncodeEntry(timestamp, record);
            var dropped = buffer.Add(tag, entry, time.GetTimestamp());
            if (dropped > 0 && Interlocked.Exchange(ref overflowReported, 1) == 0)
            {
                LogBufferFull(logger, options.MaxBufferSize, options.Host, options.Port);
            }

            if (buffer.Bytes >= options.BufferChunkRetentionSize)
            {
                Wake();
            }

            return entry.Length <= options.MaxBufferSize;
        }
        catch (Exception e)
        {
            LogEmitFailed(logger, tag, e);
            return false;
        }
    }

    /// <summary>Sends what is still buffered (for up to <see cref="FluencyOptions.WaitUntilBufferFlushed"/>), then closes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        aborting.CancelAfter(options.WaitUntilBufferFlushed);
        await stopping.CancelAsync().ConfigureAwait(false);
        await sender.ConfigureAwait(false);
        if (buffer.Count > 0)
        {
            LogUnsentOnClose(logger, buffer.Count, options.Host, options.Port);
        }

        stopping.Dispose();
        aborting.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Wake() => Volatile.Read(ref wakeSignal).TrySetResult();

    private async Task RunAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await WaitForFlushAttemptAsync().ConfigureAwait(false);
                if (!stopping.IsCancellationRequested && IsDue())
                {
                    await SendBufferedAsync(aborting.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (aborting.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogSenderFailed(logger, e);
            }
        }

        try
        {
            await SendBufferedAsync(aborting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborting.IsCancellationRequested)
        {
            // WaitUntilBufferFlushed passed: what is left is reported by DisposeAsync.
        }
        catch (Exception e)
        {
            LogSenderFailed(logger, e);
        }
        finally
        {
            await CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private async Task WaitForFlushAttemptAsync()
    {
        var signal = Volatile.Read(ref wakeSignal);
        if (!signal.Task.IsCompleted)
        {
            using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var delay = Task.Delay(options.FlushAttemptInterval, time, delayCancellation.Token);
            await Task.WhenAny(signal.Task, delay).ConfigureAwait(false);
            await delayCancellation.CancelAsync().ConfigureAwait(false);
        }

        if (signal.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref wakeSignal, NewSignal(), signal);
        }
    }

    private bool IsDue() =>
        buffer.OldestAddedAt is { } oldest
        && (time.GetElapsedTime(oldest) >= options.BufferChunkRetentionTime || buffer.Bytes >= options.BufferChunkRetentionSize);

    private async Task SendBufferedAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (buffer.Count > 0)
        {
            var chunk = buffer.Peek(options.BufferChunkRetentionSize);
            try
            {
                await SendChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
                buffer.RemoveThrough(chunk[^1].Sequence);
                Interlocked.Add(ref sent, chunk.Count);
                Interlocked.Exchange(ref overflowReported, 0);
                failures = 0;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                await CloseConnectionAsync().ConfigureAwait(false);
                if (++failures > options.SenderMaxRetryCount)
                {
                    var dropped = buffer.RemoveThrough(chunk[^1].Sequence);
                    Interlocked.Add(ref droppedAfterRetries, dropped);
                    LogChunkDropped(logger, dropped, options.Host, options.Port, options.SenderMaxRetryCount, e.Message);
                    failures = 0;
                    continue;
                }

                var backoff = Backoff(failures);
                LogSendFailed(logger, options.Host, options.Port, failures, backoff, e.Message);
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var delay = options.SenderBaseRetryInterval * factor;
        return delay < options.SenderMaxRetryInterval ? delay : options.SenderMaxRetryInterval;
    }

    private async Task SendChunkAsync(IReadOnlyList<BufferedEntry> chunk, CancellationToken cancellationToken)
    {
        var open = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var message = new ArrayBufferWriter<byte>();
        foreach (var group in chunk.GroupBy(entry => entry.Tag, StringComparer.Ordinal))
        {
            message.ResetWrittenCount();
            var chunkId = options.AckResponseMode ? ForwardMessages.NewChunkId() : null;
            ForwardMessages.Encode(message, options.Mode, group.Key, group.Select(entry => (ReadOnlyMemory<byte>)entry.Data).ToList(), chunkId);
            await open.SendAsync(message.WrittenMemory, chunkId, options.ReadTimeout, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ForwardConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (connection is { IsOpen: true } current)
        {
            return current;
        }

        await CloseConnectionAsync().ConfigureAwait(false);
        var opened = await ForwardConnection.OpenAsync(options, certificateValidation, time, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref connection, opened);
        LogConnected(logger, options.Host, options.Port);
        return opened;
    }

    private async Task CloseConnectionAsync()
    {
        if (Interlocked.Exchange(ref connection, null) is { } closed)
        {
            await closed.DisposeAsync().ConfigureAwait(false);
        }
    }
}
