using Connectivity.Actors;

namespace Connectivity.Cluster.Transport;

/// <summary>
/// Published on the local event stream when a message told to a <see cref="RemoteActorRef"/> could not be delivered
/// (the remote counterpart of <see cref="DeadLetter"/>, with the cause).
/// </summary>
public sealed record RemoteDeliveryFailed(object Message, IActorRef? Sender, RemoteActorRef Recipient, Exception Cause);
