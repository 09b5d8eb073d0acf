using System.Text.Json.Nodes;
using Connectivity.Model.Errors;
using Connectivity.Model.Signals;

namespace Connectivity.Gateway.Http;

/// <summary>Factories of the gateway's JSON results.</summary>
public static class DittoResults
{
    public static DittoJsonResult Error(DittoRuntimeException error) => new(error.Status, error.ToJson());

    public static DittoJsonResult Json(int status, JsonNode? body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, body, headers);

    /// <summary>An error response as the HTTP API shows it: the error JSON with the error's status.</summary>
    public static DittoJsonResult Error(IConnectivityResponse response) => new(response.Status, response.ToJson());
}
