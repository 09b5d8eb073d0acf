using Connectivity.Model.Connections;
using Connectivity.Model.Headers;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// A live command or message consumed by a source with a reply target, waiting for its response until
/// <paramref name="ExpiresAt"/>: the response goes to <paramref name="Sink"/> (the consuming client's dispatcher),
/// which publishes it to the source's reply target resolved over the response and <paramref name="CommandHeaders"/>.
/// </summary>
public sealed record PendingResponse(IResponseSink Sink, Source Source, DittoHeaders CommandHeaders, DateTimeOffset ExpiresAt);
