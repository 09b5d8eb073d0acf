using Connectivity.Model.Errors;

namespace Connectivity.Gateway.Http;

/// <summary>Errors that only the HTTP gateway raises (Ditto's <c>gateway:*</c> codes).</summary>
public static class GatewayErrors
{
    public static DittoRuntimeException CommandTimeout(TimeSpan timeout) =>
        new(408, "gateway:command.timeout", $"The command did not complete within {timeout.TotalMilliseconds:0} ms.",
            "Retry later, or send a larger 'timeout' header.");

    public static DittoRuntimeException EntityTooLarge(long limit) =>
        new(413, "gateway:request.entity.too.large", $"The request body exceeds the limit of {limit} bytes.",
            "Send a smaller body.");

    public static DittoRuntimeException RouteNotFound(string method, string path) =>
        new(404, "gateway:route.notfound", $"The requested resource '{method} {path}' could not be found.",
            "Check the path: this service serves /api/2/connections and /devops/piggyback/connectivity.");

    public static DittoRuntimeException MethodNotAllowed(string method, string path) =>
        new(405, "gateway:method.notallowed", $"The method '{method}' is not allowed on '{path}'.");

    public static DittoRuntimeException BadRequest(string message) =>
        new(400, "gateway:request.invalid", message);
}
