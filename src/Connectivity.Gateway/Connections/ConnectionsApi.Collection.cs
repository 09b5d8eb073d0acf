using System.Text.Json.Nodes;
using Connectivity.Gateway.Dispatch;
using Connectivity.Gateway.Http;
using Connectivity.Model.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Connectivity.Gateway.Connections;

/// <summary>The collection routes: list (spec §2.2) and create / dry-run (§2.3, §2.4).</summary>
public static partial class ConnectionsApi
{
    private static async Task<IResult> RetrieveAllAsync(HttpContext context, ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options)
    {
        var settings = Settings(options);
        var request = context.Request;
        var headers = RequestHeaders.From(request);
        var timeout = TimeoutOf(headers, settings);
        var fields = request.Query["fields"].ToString();
        var idsOnly = request.Query.ContainsKey("ids-only")
            ? RequestHeaders.QueryFlag(request, "ids-only")
            : fields == "id";

        var idsResponse = await AskAsync(dispatcher, CommandJson("retrieveAllConnectionIds"), headers, timeout, context);
        var ids = ThrowIfError(idsResponse).ToJson()["connectionIds"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        if (idsOnly)
        {
            return DittoResults.Json(StatusCodes.Status200OK, new JsonArray(ids.Select(id => (JsonNode)id).ToArray()));
        }

        if (ids.Count > settings.ConnectionsRetrieveLimit)
        {
            throw ConnectivityErrors.ConnectionsAmountIllegal(settings.ConnectionsRetrieveLimit);
        }

        var retrievals = ids.Select(async id =>
        {
            var command = CommandJson("retrieveConnection", id);
            if (fields.Length > 0)
            {
                command["selectedFields"] = fields;
            }

            var response = await dispatcher.AskAsync(
                Model.Commands.ConnectivityCommandParser.Parse(command, headers), timeout, context.RequestAborted);
            return response switch
            {
                null => throw ConnectivityErrors.InternalError($"Retrieving the connections timed out after {timeout.TotalMilliseconds:0} ms."),
                Model.Signals.ConnectivityErrorResponse error => throw ConnectivityErrors.InternalError(
                    $"The connection '{id}' could not be retrieved: {error.Error.Message}"),
                _ => response.ToJson()["connection"]!.DeepClone(),
            };
        });
        var connections = await Task.WhenAll(retrievals);
        return DittoResults.Json(StatusCodes.Status200OK, new JsonArray(connections));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options)
    {
        var settings = Settings(options);
        var request = context.Request;
        var headers = RequestHeaders.From(request);
        var body = await RequestBody.ReadJsonObjectAsync(request, settings.MaxRequestBodyBytes);

        if (RequestHeaders.QueryFlag(request, "dry-run"))
        {
            body["id"] = Guid.NewGuid() + "-dry-run";
            var testHeaders = headers.With(Model.Headers.DittoHeaders.DryRunKey, "true");
            var timeout = testHeaders.Timeout ?? settings.DryRunTimeout;
            var test = new JsonObject { ["type"] = CommandPrefix + "testConnection", ["connection"] = body };
            ThrowIfError(await AskAsync(dispatcher, test, testHeaders, timeout, context));
            return Empty(StatusCodes.Status200OK);
        }

        if (body.ContainsKey("id"))
        {
            throw ConnectivityErrors.IdNotSettable();
        }

        var id = Guid.NewGuid().ToString();
        body["id"] = id;
        if (!body.ContainsKey("connectionStatus"))
        {
            body["connectionStatus"] = "unknown";
        }

        var create = new JsonObject { ["type"] = CommandPrefix + "createConnection", ["connection"] = body };
        var response = ThrowIfError(await AskAsync(dispatcher, create, headers, TimeoutOf(headers, settings), context));
        var location = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path.Value!.TrimEnd('/')}/{id}";
        return DittoResults.Json(StatusCodes.Status201Created, response.ToJson()["connection"]!.DeepClone(),
            new Dictionary<string, string> { ["Location"] = location });
    }
}
