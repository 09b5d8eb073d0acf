using Connectivity.Gateway.Dispatch;
using Connectivity.Gateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Connectivity.Gateway.Connections;

/// <summary>The monitoring routes <c>/status</c>, <c>/metrics</c> and <c>/logs</c> (spec §2.9).</summary>
public static partial class ConnectionsApi
{
    private static Task<IResult> StatusAsync(string id, HttpContext context, ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options) =>
        MonitoringAsync("retrieveConnectionStatus", id, context, dispatcher, options, withTypeAndStatus: true);

    private static Task<IResult> MetricsAsync(string id, HttpContext context, ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options) =>
        MonitoringAsync("retrieveConnectionMetrics", id, context, dispatcher, options, withTypeAndStatus: true);

    private static Task<IResult> LogsAsync(string id, HttpContext context, ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options) =>
        MonitoringAsync("retrieveConnectionLogs", id, context, dispatcher, options, withTypeAndStatus: false);

    private static async Task<IResult> MonitoringAsync(
        string type, string id, HttpContext context, ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options, bool withTypeAndStatus)
    {
        var headers = RequestHeaders.From(context.Request);
        var response = ThrowIfError(await AskAsync(dispatcher, CommandJson(type, id), headers, TimeoutOf(headers, Settings(options)), context));
        var body = response.ToJson();
        if (!withTypeAndStatus)
        {
            body.Remove("type");
            body.Remove("status");
        }

        return DittoResults.Json(StatusCodes.Status200OK, body);
    }
}
