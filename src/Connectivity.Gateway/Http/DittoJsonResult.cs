using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connectivity.Gateway.Http;

/// <summary>An <see cref="IResult"/> that writes a JSON node (or nothing) with a status code and extra headers.</summary>
public sealed class DittoJsonResult(int status, JsonNode? body, IReadOnlyDictionary<string, string>? headers = null) : IResult
{
    /// <summary>Ditto writes quotes, apostrophes and angle brackets as they are, not as \u escapes.</summary>
    private static readonly JsonSerializerOptions WireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int Status => status;

    public JsonNode? Body => body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[key] = value;
        }

        if (body is null || status is 204 or 304)
        {
            return;
        }

        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString(WireOptions), Encoding.UTF8, httpContext.RequestAborted);
    }
}
