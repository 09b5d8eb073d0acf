using System.Threading.Channels;
using Connectivity.Actors;

namespace Connectivity.Cluster.Transport;

/// <summary>
/// The queue of messages told to one node's <see cref="RemoteActorRef"/>s, sent one after the other so their order
/// is kept (the receiving endpoint has enqueued a message before it answers 202).
/// </summary>
internal sealed class RemoteNodeOutbox
{
    private readonly ClusterTransportClient _transport;
    private readonly string _nodeAddress;
    private readonly Channel<Outgoing> _queue;
    private readonly CancellationToken _stopping;
    private readonly Task _sending;

    public RemoteNodeOutbox(ClusterTransportClient transport, string nodeAddress, int capacity, CancellationToken stopping)
    {
        _stopping = stopping;
        _transport = transport;
        _nodeAddress = nodeAddress;
        _queue = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _sending = Task.Run(SendAll, CancellationToken.None);
    }

    public void Enqueue(RemoteActorRef recipient, object message, IActorRef? sender)
    {
        if (!_queue.Writer.TryWrite(new Outgoing(recipient, message, sender)))
        {
            _transport.ReportFailure(recipient, message, sender, new NodeUnreachableException(_nodeAddress, $"The outbox of {_nodeAddress} is full or closed."));
        }
    }

    /// <summary>Closes the queue and waits for the sender; once <c>stopping</c> is cancelled, what is left fails fast.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _sending;
    }

    private async Task SendAll()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync())
        {
            try
            {
                _stopping.ThrowIfCancellationRequested();
                await _transport.TellAsync(_nodeAddress, item.Recipient.RecipientPath.ToString(), item.Message, item.Sender, _stopping);
            }
            catch (Exception e)
            {
                _transport.ReportFailure(item.Recipient, item.Message, item.Sender, e);
            }
        }
    }

    private sealed record Outgoing(RemoteActorRef Recipient, object Message, IActorRef? Sender);
}
