using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Connectivity.Cluster.Transport;

/// <summary>Kestrel set-up of the internal listener that carries the node-to-node transport.</summary>
public static class ClusterTransportKestrelExtensions
{
    private static readonly object InternalConnectionMarker = new();

    /// <summary>
    /// Listens on <see cref="ClusterTransportOptions.InternalUrl"/> with HTTP/2 cleartext only (prior knowledge) and
    /// marks its connections, so <see cref="ClusterTransportEndpoints"/> answer there and nowhere else (a port filter
    /// that also holds for port 0 and cannot be fooled by a Host header). Once Kestrel is given explicit listeners,
    /// it ignores <c>urls</c>/<c>ASPNETCORE_URLS</c>: the composition root must <c>Listen</c> its public port here too.
    /// Returns the listener, whose <see cref="ListenOptions.IPEndPoint"/> holds the bound port once the server runs.
    /// </summary>
    public static ListenOptions ConfigureClusterTransport(this KestrelServerOptions kestrel, ClusterTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(options);
        var url = new Uri(options.InternalUrl, UriKind.Absolute);
        if (url.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"The internal URL '{options.InternalUrl}' must be http:// (HTTP/2 cleartext).", nameof(options));
        }

        var address = url.Host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "+" or "0.0.0.0" => IPAddress.Any,
            "[::]" => IPAddress.IPv6Any,
            _ => IPAddress.TryParse(url.Host, out var ip)
                ? ip
                : throw new ArgumentException($"The host of the internal URL '{options.InternalUrl}' must be an IP address, localhost or *.", nameof(options)),
        };
        ListenOptions? listener = null;
        kestrel.Listen(address, url.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.Use(next => connection =>
            {
                connection.Items[InternalConnectionMarker] = InternalConnectionMarker;
                return next(connection);
            });
            listener = listen;
        });
        return listener!;
    }

    /// <summary>True when <paramref name="context"/> arrived on the listener set up by <see cref="ConfigureClusterTransport"/>.</summary>
    internal static bool IsInternalConnection(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(InternalConnectionMarker) == true;
}
