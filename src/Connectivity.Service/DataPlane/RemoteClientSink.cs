using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>The sink of a client on another node: sends each signal there as a <see cref="RoutedSignal"/>.</summary>
internal sealed class RemoteClientSink(string nodeAddress, string connectionId, int clientIndex, Action<string, object> send) : IOutboundSignalSink
{
    public ValueTask OfferAsync(DittoProtocolMessage signal, CancellationToken cancellationToken)
    {
        send(nodeAddress, new RoutedSignal(connectionId, clientIndex, signal));
        return ValueTask.CompletedTask;
    }
}
