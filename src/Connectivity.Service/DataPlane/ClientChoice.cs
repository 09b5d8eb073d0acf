using Connectivity.Cluster.Sharding;
using Connectivity.Model.Protocol;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// Which client of a connection with several subscribed clients gets a signal: chosen by a stable hash of the signal's
/// entity, so the signals of one thing keep their order through one client.
/// </summary>
public static class ClientChoice
{
    /// <summary>The one of <paramref name="count"/> candidates (index into them, in client-index order) for <paramref name="signal"/>.</summary>
    public static int Choose(DittoProtocolMessage signal, int count) =>
        count <= 1 ? 0 : (int)(StableHash.Of(signal.Topic.Namespace + ":" + signal.Topic.EntityName) % (uint)count);
}
