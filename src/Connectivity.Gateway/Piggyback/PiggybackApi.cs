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
        HttpRequest request, ConnectivityDispatcher dispatcher, IConnectivityInstances instances, IOptions<GatewayOptions> options,
        string? serviceName = null, string? instance = null)
    {
        var settings = options.Value;
        var envelope = PiggybackEnvelope.FromJson(await RequestBody.ReadJsonObjectAsync(request, settings.MaxRequestBodyBytes));
        serviceName ??= envelope.ServiceName;
        instance ??= envelope.Instance;
        if (serviceName is not null && serviceName != ServiceName)
        {
            throw GatewayErrors.BadRequest($"This cluster runs only the '{ServiceName}' service, not '{serviceName}'.");
        }

        var members = instances.All;
        if (instance is not null && !members.Contains(instance))
        {
            throw GatewayErrors.BadRequest($"There is no '{ServiceName}' instance '{instance}'; the instances are: {string.Join(", ", members)}.");
        }

        var path = PiggybackTargets.Normalize(envelope.TargetActorSelection);
        if (dispatcher.Resolve(path) is null)
        {
            throw PiggybackTargets.Unknown(envelope.TargetActorSelection);
        }

        var headers = envelope.Headers;
        var timeout = Timeout(headers, settings);
        IConnectivityCommand command;
        try
        {
            command = ConnectivityCommandParser.Parse(envelope.PiggybackCommand, headers);
        }
        catch (DittoRuntimeException error)
        {
            var rejected = new ConnectivityErrorResponse(error, headers).ToJson();
            return DittoResults.Json(StatusCodes.Status200OK, headers.Aggregate ? Wrap(new Dictionary<string, JsonNode> { [instances.Self] = rejected }) : rejected);
        }

        // Ditto's expected answers: the named instance, else every instance when aggregating, else the first to answer (here: this one).
        var addressed = instance is not null ? [instance] : headers.Aggregate ? members : [instances.Self];
        var answers = await Task.WhenAll(addressed.Select(async name =>
            (Name: name, Response: await instances.AskAsync(name, path, command, timeout, request.HttpContext.RequestAborted))));
        var answered = answers.Where(a => a.Response is not null).ToDictionary(a => a.Name, a => (JsonNode)a.Response!.ToJson());
        if (answered.Count == 0)
        {
            return DittoResults.Error(GatewayErrors.CommandTimeout(timeout));
        }

        return DittoResults.Json(StatusCodes.Status200OK, headers.Aggregate ? Wrap(answered) : answered.Values.First());
    }

    private static JsonObject Wrap(IReadOnlyDictionary<string, JsonNode> answers)
    {
        var byInstance = new JsonObject();
        foreach (var (name, answer) in answers.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            byInstance[name] = answer;
        }

        return new JsonObject { [ServiceName] = byInstance };
    }

    private static TimeSpan Timeout(DittoHeaders headers, GatewayOptions settings)
    {
        var requested = headers.Timeout ?? settings.PiggybackTimeout;
        return headers.Aggregate && requested < settings.PiggybackTimeout ? settings.PiggybackTimeout : requested;
    }
}
