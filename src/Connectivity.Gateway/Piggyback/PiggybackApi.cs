using System.Text.Json.Nodes;
using Connectivity.Gateway.Dispatch;
using Connectivity.Gateway.Http;
using Connectivity.Model.Commands;
using Connectivity.Model.Errors;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Connectivity.Gateway.Piggyback;

/// <summary>
/// Ditto's DevOps piggyback endpoint <c>POST /devops/piggyback[/connectivity[/instance]]</c> (spec §3): the command
/// goes to the actor named by <c>targetActorSelection</c>; the HTTP status is 200 when an answer arrived (its own
/// status is inside) and 408 when none did.
/// </summary>
public static class PiggybackApi
{
    public const string ServiceName = "connectivity";

    public static IEndpointRouteBuilder MapPiggybackApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/devops/piggyback", ExecuteAsync);
        routes.MapPost("/devops/piggyback/{serviceName}", ExecuteAsync);
        routes.MapPost("/devops/piggyback/{serviceName}/{instance}", ExecuteAsync);
        return routes;
    }

    private static async Task<IResult> ExecuteAsync(
        HttpRequest request, ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options, string? serviceName = null, string? instance = null)
    {
        var settings = options.Value;
        var envelope = PiggybackEnvelope.FromJson(await RequestBody.ReadJsonObjectAsync(request, settings.MaxRequestBodyBytes));
        serviceName ??= envelope.ServiceName;
        instance ??= envelope.Instance;
        if (serviceName is not null && serviceName != ServiceName)
        {
            throw GatewayErrors.BadRequest($"This cluster runs only the '{ServiceName}' service, not '{serviceName}'.");
        }

        if (instance is not null && instance != settings.InstanceId)
        {
            throw GatewayErrors.BadRequest($"There is no '{ServiceName}' instance '{instance}'; this one is '{settings.InstanceId}'.");
        }

        var target = dispatcher.Resolve(PiggybackTargets.Normalize(envelope.TargetActorSelection))
            ?? throw PiggybackTargets.Unknown(envelope.TargetActorSelection);
        var headers = envelope.Headers;
        var timeout = Timeout(headers, settings);

        IConnectivityResponse? response;
        try
        {
            var command = ConnectivityCommandParser.Parse(envelope.PiggybackCommand, headers);
            response = await dispatcher.AskAsync(target, command, timeout, request.HttpContext.RequestAborted);
        }
        catch (DittoRuntimeException error)
        {
            response = new ConnectivityErrorResponse(error, headers);
        }

        if (response is null)
        {
            return DittoResults.Error(GatewayErrors.CommandTimeout(timeout));
        }

        var inner = response.ToJson();
        var body = headers.Aggregate
            ? new JsonObject { [ServiceName] = new JsonObject { [settings.InstanceId] = inner } }
            : inner;
        return DittoResults.Json(StatusCodes.Status200OK, body);
    }

    private static TimeSpan Timeout(DittoHeaders headers, GatewayOptions settings)
    {
        var requested = headers.Timeout ?? settings.PiggybackTimeout;
        return headers.Aggregate && requested < settings.PiggybackTimeout ? settings.PiggybackTimeout : requested;
    }
}
