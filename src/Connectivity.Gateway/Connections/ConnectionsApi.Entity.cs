using System.Text.Json.Nodes;
using Connectivity.Gateway.Dispatch;
using Connectivity.Gateway.Http;
using Connectivity.Model.Commands;
using Connectivity.Model.Errors;
using Connectivity.Model.Signals;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Connectivity.Gateway.Connections;

/// <summary>The single-connection routes: retrieve (§2.6), put (§2.5), delete (§2.7), text commands (§2.8).</summary>
public static partial class ConnectionsApi
{
    private const string ETagHeader = "etag";

    private static async Task<IResult> RetrieveAsync(string id, HttpContext context, ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options)
    {
        var headers = RequestHeaders.From(context.Request);
        var command = CommandJson("retrieveConnection", id);
        var fields = context.Request.Query["fields"].ToString();
        if (fields.Length > 0)
        {
            command["selectedFields"] = fields;
        }

        var response = await AskAsync(dispatcher, command, headers, TimeoutOf(headers, Settings(options)), context);
        var etag = ETagOf(response);
        if (response is ConnectivityErrorResponse { Status: StatusCodes.Status304NotModified })
        {
            return DittoResults.Json(StatusCodes.Status304NotModified, null, etag);
        }

        return DittoResults.Json(StatusCodes.Status200OK, ThrowIfError(response).ToJson()["connection"]!.DeepClone(), etag);
    }

    private static async Task<IResult> PutAsync(string id, HttpContext context, ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options)
    {
        var settings = Settings(options);
        var request = context.Request;
        var headers = RequestHeaders.From(request);
        var timeout = TimeoutOf(headers, settings);
        var body = await RequestBody.ReadJsonObjectAsync(request, settings.MaxRequestBodyBytes);
        Model.Connections.ConnectionId.Validate(id);
        if (body["id"] is { } bodyId && (bodyId is not JsonValue v || !v.TryGetValue<string>(out var s) || s != id))
        {
            throw ConnectivityErrors.IdNotSettable(bodyId.ToJsonString().Trim('"'), id);
        }

        body["id"] = id;
        var modify = new JsonObject { ["type"] = CommandPrefix + "modifyConnection", ["connection"] = body.DeepClone() };
        var response = await AskAsync(dispatcher, modify, headers, timeout, context);
        if (response is not ConnectivityErrorResponse { Error.ErrorCode: "connectivity:connection.notfound" })
        {
            ThrowIfError(response);
            return Empty(StatusCodes.Status204NoContent);
        }

        if (headers.ContainsKey("if-match"))
        {
            throw ConnectivityErrors.PreconditionFailed("if-match", headers["if-match"]);
        }

        var create = new JsonObject { ["type"] = CommandPrefix + "createConnection", ["connection"] = body };
        var created = ThrowIfError(await AskAsync(dispatcher, create, headers, timeout, context));
        var location = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        return DittoResults.Json(StatusCodes.Status201Created, created.ToJson()["connection"]!.DeepClone(),
            new Dictionary<string, string> { ["Location"] = location });
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options)
    {
        var headers = RequestHeaders.From(context.Request);
        ThrowIfError(await AskAsync(dispatcher, CommandJson("deleteConnection", id), headers, TimeoutOf(headers, Settings(options)), context));
        return Empty(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> CommandAsync(string id, HttpContext context, ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options)
    {
        var settings = Settings(options);
        var headers = RequestHeaders.From(context.Request);
        Model.Connections.ConnectionId.Validate(id);
        var text = await RequestBody.ReadPlainTextAsync(context.Request, settings.MaxRequestBodyBytes);
        var command = GatewayCommandMapping.FromTextCommand(text, id, headers);
        var response = await dispatcher.AskAsync(command, TimeoutOf(headers, settings), context.RequestAborted)
            ?? throw GatewayErrors.CommandTimeout(TimeoutOf(headers, settings));
        ThrowIfError(response);
        return Empty(StatusCodes.Status200OK);
    }

    private static Dictionary<string, string>? ETagOf(IConnectivityResponse response) =>
        response.Headers.TryGetValue(ETagHeader, out var etag) ? new Dictionary<string, string> { ["ETag"] = etag } : null;
}
