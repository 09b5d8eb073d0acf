using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Connectivity.Gateway.Auth;

/// <summary>
/// Requires the DevOps Basic credentials on the management endpoints; answers 401 with
/// <c>WWW-Authenticate: Basic realm="DITTO-DEVOPS"</c> and a plain-text body otherwise.
/// </summary>
public sealed class DevOpsBasicAuthMiddleware(RequestDelegate next, IOptions<DevOpsAuthOptions> options, IServer server)
{
    private readonly DevOpsAuthOptions settings = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsProtected(context.Request.Path) || IsAuthorized(context.Request.Headers.Authorization.ToString()))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{DevOpsAuthOptions.Realm}\",charset=UTF-8";
        context.Response.ContentType = "text/plain; charset=UTF-8";
        await context.Response.WriteAsync("The resource requires authentication, which was not supplied with the request");
    }

    private static bool IsProtected(PathString path) =>
        path.StartsWithSegments("/api/2/connections", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/devops", StringComparison.OrdinalIgnoreCase);

    private bool IsAuthorized(string header)
    {
        const string prefix = "Basic ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[prefix.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || EffectivePassword() is not { } password)
        {
            return false;
        }

        return FixedTimeEquals(decoded[..colon], settings.User) && FixedTimeEquals(decoded[(colon + 1)..], password);
    }

    /// <summary>The configured password, the development one on loopback-only binds, or null (nobody gets in).</summary>
    private string? EffectivePassword() =>
        !string.IsNullOrEmpty(settings.Password) ? settings.Password
        : ListensOnLoopbackOnly() ? DevOpsAuthOptions.DevelopmentPassword
        : null;

    private bool ListensOnLoopbackOnly()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses is { Count: > 0 } && addresses.All(IsLoopback);
    }

    /// <summary>True for <c>http://127.0.0.1:8080</c>, <c>http://localhost:5000</c>, <c>http://[::1]:80</c>.</summary>
    public static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
