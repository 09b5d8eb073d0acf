using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// Where the router hands a signal for one client of a connection (its outbound dispatcher). Completes once the sink
/// took the signal: at once while it has room, later when it is full (backpressure on the source that consumed the
/// signal); a sink that stays full for too long drops the signal and accounts for the drop itself.
/// </summary>
public interface IOutboundSignalSink
{
    ValueTask OfferAsync(DittoProtocolMessage signal, CancellationToken cancellationToken);
}
