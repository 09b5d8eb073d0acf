using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>A response another node consumed, sent here in case a command consumed here waits for it.</summary>
public sealed record RoutedResponse(DittoProtocolMessage Response);
