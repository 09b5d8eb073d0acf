using System.Text.Json.Nodes;
using Connectivity.Gateway.Dispatch;
using Connectivity.Gateway.Http;
using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Connectivity.Gateway.Connections;

/// <summary>
/// Ditto's connection-management HTTP API <c>/api/2/connections</c> (spec §2). Each route builds the internal command
/// JSON, lets the model's parser validate it, asks the connection's actor, and renders the answer as Ditto does.
/// </summary>
public static partial class ConnectionsApi
{
    private const string CommandPrefix = "connectivity.commands:";

    public static IEndpointRouteBuilder MapConnectionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/2/connections");
        group.MapGet("", RetrieveAllAsync);
        group.MapPost("", CreateAsync);
        group.MapGet("/{id}", RetrieveAsync);
        group.MapPut("/{id}", PutAsync);
        group.MapDelete("/{id}", DeleteAsync);
        group.MapPost("/{id}/command", CommandAsync);
        group.MapGet("/{id}/status", StatusAsync);
        group.MapGet("/{id}/metrics", MetricsAsync);
        group.MapGet("/{id}/logs", LogsAsync);
        return routes;
    }

    /// <summary>Asks and returns the response; a missing answer becomes 408 <c>gateway:command.timeout</c>.</summary>
    private static async Task<IConnectivityResponse> AskAsync(
        ConnectivityDispatcher dispatcher, JsonObject commandJson, DittoHeaders headers, TimeSpan timeout, HttpContext context)
    {
        var command = ConnectivityCommandParser.Parse(commandJson, headers);
        return await dispatcher.AskAsync(command, timeout, context.RequestAborted)
            ?? throw GatewayErrors.CommandTimeout(timeout);
    }

    private static JsonObject CommandJson(string type, string? connectionId = null)
    {
        var json = new JsonObject { ["type"] = CommandPrefix + type };
        if (connectionId is not null)
        {
            ConnectionId.Validate(connectionId);
            json["connectionId"] = connectionId;
        }

        return json;
    }

    private static TimeSpan TimeoutOf(DittoHeaders headers, GatewayOptions settings) => headers.Timeout ?? settings.DefaultTimeout;

    /// <summary>Throws the error of an error response, so that the error middleware renders it.</summary>
    private static IConnectivityResponse ThrowIfError(IConnectivityResponse response) =>
        response is ConnectivityErrorResponse error ? throw error.Error : response;

    private static IResult Empty(int status) => DittoResults.Json(status, null);

    private static GatewayOptions Settings(IOptions<GatewayOptions> options) => options.Value;
}
