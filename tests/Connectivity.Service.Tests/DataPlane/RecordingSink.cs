using System.Collections.Concurrent;
using Connectivity.Model.Protocol;
using Connectivity.Service.DataPlane;

namespace Connectivity.Service.Tests.DataPlane;

/// <summary>Keeps the signals and the responses offered to it.</summary>
internal sealed class RecordingSink : IOutboundSignalSink, IResponseSink
{
    private readonly ConcurrentQueue<DittoProtocolMessage> offered = new();
    private readonly ConcurrentQueue<DittoProtocolMessage> responses = new();

    public IReadOnlyList<DittoProtocolMessage> Offered => [.. offered];

    public IReadOnlyList<DittoProtocolMessage> Responses => [.. responses];

    public ValueTask OfferAsync(DittoProtocolMessage signal, CancellationToken cancellationToken)
    {
        offered.Enqueue(signal);
        return ValueTask.CompletedTask;
    }

    public void OfferResponse(DittoProtocolMessage response, PendingResponse pending) => responses.Enqueue(response);
}
