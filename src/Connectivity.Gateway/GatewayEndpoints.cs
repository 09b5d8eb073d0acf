using Connectivity.Gateway.Connections;
using Connectivity.Gateway.Piggyback;
using Microsoft.AspNetCore.Routing;

namespace Connectivity.Gateway;

/// <summary>Maps every management API of the gateway.</summary>
public static class GatewayEndpoints
{
    public static IEndpointRouteBuilder MapGatewayApis(this IEndpointRouteBuilder routes)
    {
        routes.MapPiggybackApi();
        routes.MapConnectionsApi();
        return routes;
    }
}
