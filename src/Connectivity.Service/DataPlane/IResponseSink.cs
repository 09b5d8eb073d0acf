using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>Where the response to a command a client consumed goes: that client's dispatcher, which publishes it to the source's reply target.</summary>
public interface IResponseSink
{
    void OfferResponse(DittoProtocolMessage response, PendingResponse pending);
}
