using System.Collections.Concurrent;
using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// The commands consumed on this node that wait for a response, by correlation id (spec §1.9 reply targets). An
/// entry lives until its response arrives or it expires (the command's <c>timeout</c> header, else
/// <see cref="DefaultTimeout"/>); at most <see cref="Capacity"/> wait at once, the oldest giving way.
/// </summary>
public sealed class ResponseRoutes(TimeProvider time)
{
    public const int Capacity = 10_000;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, PendingResponse> pending = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    /// <summary>Remembers that the command <paramref name="correlationId"/> waits for its response.</summary>
    public void Expect(string correlationId, PendingResponse response)
    {
        pending[correlationId] = response;
        order.Enqueue(correlationId);
        var now = time.GetUtcNow();
        while ((pending.Count > Capacity || order.Count > 2 * Capacity) && order.TryDequeue(out var oldest))
        {
            if (pending.TryGetValue(oldest, out var entry) && (pending.Count > Capacity || entry.ExpiresAt <= now))
            {
                pending.TryRemove(KeyValuePair.Create(oldest, entry));
            }
        }
    }

    /// <summary>Hands <paramref name="response"/> to the client whose command it answers; false if none here waits for it.</summary>
    public bool TryComplete(DittoProtocolMessage response)
    {
        if (response.Headers.CorrelationId is not { } correlationId
            || !pending.TryRemove(correlationId, out var waiting)
            || waiting.ExpiresAt <= time.GetUtcNow())
        {
            return false;
        }

        waiting.Sink.OfferResponse(response, waiting);
        return true;
    }
}
