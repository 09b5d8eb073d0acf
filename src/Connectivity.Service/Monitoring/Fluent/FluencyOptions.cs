namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>
/// Where and how <see cref="FluentForwardClient"/> sends (Ditto's <c>publisher.fluency</c> settings with their
/// defaults): the endpoint, socket timeouts, the in-memory buffer, flushing, retries and acknowledgements.
/// </summary>
public sealed class FluencyOptions
{
    /// <summary>Host of the Fluentd / Fluent Bit forward input; env <c>CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_HOST</c>.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Port of the forward input; env <c>CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_PORT</c>.</summary>
    public int Port { get; set; } = 24224;

    /// <summary>TLS to the endpoint, validated against the system's trusted roots.</summary>
    public bool SslEnabled { get; set; }

    /// <summary>How long a connect may take.</summary>
    public TimeSpan ConnectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the acknowledgement of a chunk (<see cref="AckResponseMode"/>).</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the sender checks whether buffered entries are due.</summary>
    public TimeSpan FlushAttemptInterval { get; set; } = TimeSpan.FromMilliseconds(600);

    /// <summary>On shutdown, how long to keep trying to send what is still buffered.</summary>
    public TimeSpan WaitUntilBufferFlushed { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most bytes of encoded entries kept in memory; beyond it the oldest entries are dropped (and counted).</summary>
    public long MaxBufferSize { get; set; } = 64L * 1024 * 1024;

    /// <summary>Buffered bytes that make entries due at once; also the most bytes sent in one chunk.</summary>
    public long BufferChunkRetentionSize { get; set; } = 4L * 1024 * 1024;

    /// <summary>Age of the oldest buffered entry that makes the buffer due.</summary>
    public TimeSpan BufferChunkRetentionTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of a chunk whose sending failed, after which it is dropped (and counted).</summary>
    public int SenderMaxRetryCount { get; set; } = 7;

    /// <summary>First retry delay, doubled per failure.</summary>
    public TimeSpan SenderBaseRetryInterval { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan SenderMaxRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Send every chunk with a <c>chunk</c> id and wait up to <see cref="ReadTimeout"/> for the server's <c>ack</c>
    /// before it counts as sent (at least once); without it a chunk counts as sent once written to the socket.
    /// </summary>
    public bool AckResponseMode { get; set; }

    /// <summary>The event mode of the messages; Fluency's is <see cref="ForwardMode.PackedForward"/>.</summary>
    public ForwardMode Mode { get; set; } = ForwardMode.PackedForward;
}
