using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Connectivity.Server.Hosting.Cluster;

/// <summary>
/// Explicit Kestrel listeners for the public URLs: once the internal cluster listener is configured in code, Kestrel
/// ignores <c>urls</c>, so the public ones (from <c>--urls</c> / <c>ASPNETCORE_URLS</c>) are listened to here too.
/// </summary>
public static class KestrelListeners
{
    public static void ListenOn(KestrelServerOptions kestrel, string urls)
    {
        foreach (var raw in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var url = new Uri(raw.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
            if (url.Scheme != Uri.UriSchemeHttp)
            {
                throw new InvalidOperationException($"Only http:// listen URLs are supported in cluster mode, not '{raw}'; terminate TLS in front of the service.");
            }

            if (url.Host == "localhost")
            {
                kestrel.ListenLocalhost(url.Port);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(url.Host.Trim('[', ']')), url.Port);
            }
        }
    }
}
