using System.Collections.Concurrent;
using Connectivity.Model.Protocol;
using Connectivity.Service.DataPlane;

namespace Connectivity.Service.Tests.DataPlane;

/// <summary>Keeps the responses offered to it.</summary>
internal sealed class RecordingResponseSink : IResponseSink
{
    private readonly ConcurrentQueue<DittoProtocolMessage> responses = new();

    public IReadOnlyList<DittoProtocolMessage> Responses => [.. responses];

    public void OfferResponse(DittoProtocolMessage response, PendingResponse pending) => responses.Enqueue(response);
}
