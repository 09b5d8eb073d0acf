using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// The commands consumed on this node that wait for a response, by correlation id (spec §1.9 reply targets). An
/// entry lives until its response arrives or it expires (the command's <c>timeout</c> header, else
/// <see cref="DefaultTimeout"/>); at most <see cref="Capacity"/> wait at once, the oldest giving way. Every consumed
/// live command or message passes here, so it is one short lock over a dictionary and a list in arrival order.
/// </summary>
public sealed class ResponseRoutes(TimeProvider time)
{
    public const int Capacity = 10_000;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<(string CorrelationId, PendingResponse Response)>> pending = new(StringComparer.Ordinal);
    private readonly LinkedList<(string CorrelationId, PendingResponse Response)> arrivals = new();

    /// <summary>How many commands wait for their response now (expired ones included until they give way).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>Remembers that the command <paramref name="correlationId"/> waits for its response.</summary>
    public void Expect(string correlationId, PendingResponse response)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (pending.Remove(correlationId, out var replaced))
            {
                arrivals.Remove(replaced);
            }

            pending[correlationId] = arrivals.AddLast((correlationId, response));
            while (arrivals.First is { } oldest && (pending.Count > Capacity || oldest.Value.Response.ExpiresAt <= now))
            {
                pending.Remove(oldest.Value.CorrelationId);
                arrivals.RemoveFirst();
            }
        }
    }

    /// <summary>Hands <paramref name="response"/> to the client whose command it answers; false if none here waits for it.</summary>
    public bool TryComplete(DittoProtocolMessage response)
    {
        if (response.Headers.CorrelationId is not { } correlationId)
        {
            return false;
        }

        PendingResponse waiting;
        lock (gate)
        {
            if (!pending.Remove(correlationId, out var node))
            {
                return false;
            }

            arrivals.Remove(node);
            waiting = node.Value.Response;
        }

        if (waiting.ExpiresAt <= time.GetUtcNow())
        {
            return false;
        }

        waiting.Sink.OfferResponse(response, waiting);
        return true;
    }
}
