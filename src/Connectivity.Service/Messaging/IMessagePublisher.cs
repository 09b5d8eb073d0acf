namespace Connectivity.Service.Messaging;

/// <summary>
/// Publishes mapped messages to a connection's targets over the binding's protocol (spec §8). Safe to call
/// concurrently; each call completes when the peer acknowledged the message (or, where the protocol has no
/// acknowledgement, when it was written) and never throws for a refused or failed publish: that is the outcome.
/// </summary>
public interface IMessagePublisher
{
    ValueTask<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken);
}
