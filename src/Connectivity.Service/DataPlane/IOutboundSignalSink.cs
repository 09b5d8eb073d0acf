using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// Where the router hands a signal for one client of a connection (its outbound dispatcher). Never blocks: a sink that
/// cannot take the signal drops it and accounts for the drop itself.
/// </summary>
public interface IOutboundSignalSink
{
    void Offer(DittoProtocolMessage signal);
}
