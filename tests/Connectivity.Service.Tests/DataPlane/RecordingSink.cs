using System.Collections.Concurrent;
using Connectivity.Model.Protocol;
using Connectivity.Service.DataPlane;

namespace Connectivity.Service.Tests.DataPlane;

/// <summary>Keeps the signals offered to it.</summary>
internal sealed class RecordingSink : IOutboundSignalSink
{
    private readonly ConcurrentQueue<DittoProtocolMessage> offered = new();

    public IReadOnlyList<DittoProtocolMessage> Offered => [.. offered];

    public void Offer(DittoProtocolMessage signal) => offered.Enqueue(signal);
}
