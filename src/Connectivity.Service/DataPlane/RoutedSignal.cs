using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>A signal another node routed to client <paramref name="ClientIndex"/> of connection <paramref name="ConnectionId"/> running here.</summary>
public sealed record RoutedSignal(string ConnectionId, int ClientIndex, DittoProtocolMessage Signal);
