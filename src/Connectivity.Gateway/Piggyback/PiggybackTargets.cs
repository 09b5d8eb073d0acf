using Connectivity.Gateway.Http;
using Connectivity.Model.Errors;
using Connectivity.Service;

namespace Connectivity.Gateway.Piggyback;

/// <summary>Maps the <c>targetActorSelection</c> strings Ditto documents onto this service's real actor paths.</summary>
public static class PiggybackTargets
{
    private static readonly string[] SingletonSuffixes = ["/singleton", "/singletonProxy"];

    /// <summary>Drops Ditto's cluster-singleton suffixes and a trailing slash; the result is a path to resolve.</summary>
    public static string Normalize(string selection)
    {
        var path = selection.Trim().TrimEnd('/');
        foreach (var suffix in SingletonSuffixes)
        {
            if (path.EndsWith(suffix, StringComparison.Ordinal))
            {
                path = path[..^suffix.Length];
            }
        }

        return path;
    }

    public static DittoRuntimeException Unknown(string selection) =>
        GatewayErrors.BadRequest(
            $"The targetActorSelection '{selection}' does not name an actor of the {PiggybackApi.ServiceName} service. "
            + $"Known selections: {ConnectivityPaths.ConnectionShardRegion}, {ConnectivityPaths.ConnectionIdsRetrieval}.");
}
