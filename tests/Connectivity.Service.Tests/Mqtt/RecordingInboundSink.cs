using System.Threading.Channels;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Tests.Mqtt;

/// <summary>An inbound sink that keeps what arrives for the test and settles it with <see cref="Outcome"/>.</summary>
public sealed class RecordingInboundSink : IInboundMessageSink
{
    private readonly Channel<ExternalMessage> received = Channel.CreateUnbounded<ExternalMessage>();
    private int count;

    public InboundMessageOutcome Outcome { get; set; } = InboundMessageOutcome.Accepted;

    /// <summary>Messages received so far.</summary>
    public int Count => Volatile.Read(ref count);

    public ValueTask<InboundMessageOutcome> HandleAsync(ExternalMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref count);
        received.Writer.TryWrite(message);
        return ValueTask.FromResult(Outcome);
    }

    /// <summary>The next message that arrives (waits for it).</summary>
    public async Task<ExternalMessage> NextAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await received.Reader.ReadAsync(patience.Token);
    }
}
