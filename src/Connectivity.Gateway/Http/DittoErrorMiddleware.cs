using Connectivity.Model.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connectivity.Gateway.Http;

/// <summary>
/// Turns anything a handler throws into Ditto's error JSON: <see cref="DittoRuntimeException"/> with its own
/// status, oversized bodies as 413, and anything unexpected as 500 <c>connectivity:internalerror</c>
/// (logged, never crashing the server). Empty 404/405 answers of the router get a Ditto error body too.
/// </summary>
public sealed partial class DittoErrorMiddleware(RequestDelegate next, ILogger<DittoErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            if (!context.Response.HasStarted && context.Response.ContentLength is null && context.Response.StatusCode is 404 or 405)
            {
                var request = context.Request;
                var error = context.Response.StatusCode == 404
                    ? GatewayErrors.RouteNotFound(request.Method, request.Path)
                    : GatewayErrors.MethodNotAllowed(request.Method, request.Path);
                await DittoResults.Error(error).ExecuteAsync(context);
            }
        }
        catch (DittoRuntimeException error) when (!context.Response.HasStarted)
        {
            await DittoResults.Error(error).ExecuteAsync(context);
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            var error = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? GatewayErrors.EntityTooLarge(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0)
                : GatewayErrors.BadRequest(bad.Message);
            await DittoResults.Error(error).ExecuteAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogUnexpected(logger, context.Request.Method, context.Request.Path, e);
            await DittoResults.Error(ConnectivityErrors.InternalError("An unexpected error occurred while handling the request.")).ExecuteAsync(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error handling {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, string method, string path, Exception exception);
}
