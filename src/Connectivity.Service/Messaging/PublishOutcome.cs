namespace Connectivity.Service.Messaging;

/// <summary>
/// How a publish ended: <paramref name="Status"/> is the acknowledgement status of spec §8 (200 broker ack, the HTTP
/// status of an http-push request, 503 when the message could not be delivered); <paramref name="Detail"/> says why,
/// for the connection log.
/// </summary>
public sealed record PublishOutcome(bool Success, int Status, string Detail);
