namespace Connectivity.Service.Messaging;

/// <summary>
/// Where a protocol binding hands the messages it consumed (the inbound data plane). Called from the binding's receive
/// loop, possibly concurrently for different consumers; the binding acknowledges the message to its broker according to
/// the returned outcome (spec §8, source acknowledgements).
/// </summary>
public interface IInboundMessageSink
{
    /// <summary>Processes <paramref name="message"/>; the outcome tells the binding how to acknowledge it.</summary>
    ValueTask<InboundMessageOutcome> HandleAsync(ExternalMessage message, CancellationToken cancellationToken);
}
