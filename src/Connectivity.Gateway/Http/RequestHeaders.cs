using Connectivity.Model.Headers;
using Microsoft.AspNetCore.Http;

namespace Connectivity.Gateway.Http;

/// <summary>Builds the <see cref="DittoHeaders"/> of a command from an HTTP request (headers, and query parameters Ditto accepts as headers).</summary>
public static class RequestHeaders
{
    private static readonly string[] ForwardedHeaders =
        [DittoHeaders.CorrelationIdKey, DittoHeaders.TimeoutKey, DittoHeaders.ResponseRequiredKey, "if-match", "if-none-match"];

    private static readonly string[] QueryHeaders = [DittoHeaders.TimeoutKey, DittoHeaders.CorrelationIdKey, DittoHeaders.ResponseRequiredKey];

    public static DittoHeaders From(HttpRequest request)
    {
        var entries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in ForwardedHeaders)
        {
            if (request.Headers.TryGetValue(name, out var value) && value.Count > 0)
            {
                entries[name] = value.ToString();
            }
        }

        foreach (var name in QueryHeaders)
        {
            if (request.Query.TryGetValue(name, out var value) && value.Count > 0)
            {
                entries[name] = value.ToString();
            }
        }

        if (!entries.ContainsKey(DittoHeaders.CorrelationIdKey))
        {
            entries[DittoHeaders.CorrelationIdKey] = Guid.NewGuid().ToString();
        }

        if (entries.TryGetValue(DittoHeaders.TimeoutKey, out var timeout) && DittoHeaders.ParseDuration(timeout) is null)
        {
            throw GatewayErrors.BadRequest($"The value '{timeout}' of the header 'timeout' is not a valid duration.");
        }

        return DittoHeaders.Of(entries);
    }

    /// <summary>True for the query values Ditto reads as booleans: <c>true</c> (any case) or a bare flag.</summary>
    public static bool QueryFlag(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var value)
        && (value.ToString().Length == 0 || string.Equals(value.ToString(), "true", StringComparison.OrdinalIgnoreCase));
}
