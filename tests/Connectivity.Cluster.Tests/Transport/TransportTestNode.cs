using System.Net;
using Connectivity.Actors;
using Connectivity.Cluster.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Connectivity.Cluster.Tests.Transport;

/// <summary>
/// One cluster node in the test process: an actor system and a Kestrel app with an internal (HTTP/2, transport
/// endpoints) and a public (HTTP/1.1) listener, both on 127.0.0.1 port 0.
/// </summary>
public sealed class TransportTestNode : IAsyncDisposable
{
    private TransportTestNode(ActorSystem system, WebApplication app, ClusterTransportClient transport, string publicAddress)
    {
        System = system;
        App = app;
        Transport = transport;
        PublicAddress = publicAddress;
    }

    public ActorSystem System { get; }

    public WebApplication App { get; }

    public ClusterTransportClient Transport { get; }

    /// <summary>The internal address other nodes send to.</summary>
    public string Address => Transport.Options.LocalAddress;

    public string PublicAddress { get; }

    public static async Task<TransportTestNode> StartAsync(string name, string? secret = "s3cret")
    {
        var system = ActorSystem.Create(name);
        var options = new ClusterTransportOptions { InternalUrl = "http://127.0.0.1:0", Secret = secret };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ListenOptions? internalListener = null;
        ListenOptions? publicListener = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            internalListener = kestrel.ConfigureClusterTransport(options);
            kestrel.Listen(IPAddress.Loopback, 0, listen => publicListener = listen);
        });
        var app = builder.Build();
        var transport = new ClusterTransportClient(system, TestSerializers.Create(), options);
        app.MapClusterTransport(transport);
        app.MapGet("/health", () => "ok");
        await app.StartAsync();
        options.AdvertisedUrl = $"http://127.0.0.1:{internalListener!.IPEndPoint!.Port}";
        return new TransportTestNode(system, app, transport, $"http://127.0.0.1:{publicListener!.IPEndPoint!.Port}");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Transport.DisposeAsync();
        await System.Terminate();
    }
}
