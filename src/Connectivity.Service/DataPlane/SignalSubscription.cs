namespace Connectivity.Service.DataPlane;

/// <summary>
/// One client of a connection waiting for signals: the base target topics it subscribes to (spec §1.10, e.g.
/// <c>_/_/things/live/messages</c>) and the sink its signals go to. Namespaces and filters are applied by the sink,
/// where they are counted as <c>filtered</c>.
/// </summary>
public sealed record SignalSubscription(string ConnectionId, int ClientIndex, IReadOnlySet<string> Topics, IOutboundSignalSink Sink);
