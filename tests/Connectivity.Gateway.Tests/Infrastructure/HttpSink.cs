using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectivity.Gateway.Tests.Infrastructure;

/// <summary>
/// A tiny HTTP endpoint for http-push targets on 127.0.0.1 and a free port: answers every request with a fixed status
/// (200 for a healthy target, 401 for one that rejects the credentials), counts the requests and keeps each one's
/// method, path, headers and body.
/// </summary>
public sealed class HttpSink : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly System.Collections.Concurrent.ConcurrentQueue<ReceivedRequest> received = new();
    private int requests;

    private HttpSink(WebApplication app, int statusCode)
    {
        this.app = app;
        StatusCode = statusCode;
    }

    public int StatusCode { get; }

    public int Port { get; private set; }

    /// <summary>The connection URI of this sink, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Uri => $"http://127.0.0.1:{Port}";

    public int Requests => Volatile.Read(ref requests);

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => [.. received];

    public static async Task<HttpSink> StartAsync(int statusCode = StatusCodes.Status200OK)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new HttpSink(app, statusCode);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            sink.received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body));
            Interlocked.Increment(ref sink.requests);
            context.Response.StatusCode = statusCode;
            if (statusCode == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"sink\"";
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.Port = new System.Uri(address).Port;
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
