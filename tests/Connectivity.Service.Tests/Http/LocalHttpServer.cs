using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Connectivity.Service.Tests.Http;

/// <summary>A Kestrel server on 127.0.0.1 and a free port that answers every request with a status chosen per method.</summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalHttpServer(WebApplication app) => this.app = app;

    /// <summary>The requests received: method, path and Authorization header.</summary>
    public ConcurrentQueue<(string Method, string Path, string? Authorization)> Requests { get; } = new();

    public int Port { get; private set; }

    public static async Task<LocalHttpServer> StartAsync(Func<string, int> statusForMethod)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LocalHttpServer(app);
        app.Run(context =>
        {
            server.Requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? "/", context.Request.Headers.Authorization.FirstOrDefault()));
            context.Response.StatusCode = statusForMethod(context.Request.Method);
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Port = new Uri(address).Port;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
