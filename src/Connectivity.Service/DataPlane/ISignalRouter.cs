using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// Routes the signals that inbound mapping produced to every connection whose targets subscribe to their topic
/// (spec §1.10), on whatever node the connection's client runs: to exactly one client of each such connection.
/// </summary>
public interface ISignalRouter
{
    /// <summary>Adds <paramref name="subscription"/> until the returned handle is disposed.</summary>
    IDisposable Subscribe(SignalSubscription subscription);

    /// <summary>
    /// Delivers <paramref name="signal"/> to the subscribed connections, waiting while a local client's queue is full;
    /// returns how many connections it reached.
    /// </summary>
    ValueTask<int> RouteAsync(DittoProtocolMessage signal, CancellationToken cancellationToken);

    /// <summary>Remembers a consumed command that waits for its response (spec §1.9 reply targets).</summary>
    void ExpectResponse(string correlationId, PendingResponse pending);

    /// <summary>
    /// Hands a response to the client whose command it answers, on whatever node; false if no node is known to wait
    /// for it.
    /// </summary>
    bool RouteResponse(DittoProtocolMessage response);
}
