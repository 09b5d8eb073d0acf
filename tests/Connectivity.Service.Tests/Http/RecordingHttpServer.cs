using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectivity.Service.Tests.Http;

/// <summary>
/// A Kestrel server on 127.0.0.1 for http-push targets: records every request in full, answers it with the status and
/// body <see cref="Answer"/> chooses, and, with <see cref="HoldRequests"/>, keeps each request open until the test
/// releases it (to observe how many are in flight at once).
/// </summary>
public sealed class RecordingHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<RecordedRequest> arrivals = Channel.CreateUnbounded<RecordedRequest>();
    private readonly SemaphoreSlim releases = new(0);
    private int inFlight;
    private int maxInFlight;

    private RecordingHttpServer(WebApplication app) => this.app = app;

    /// <summary>Every request received so far, HEAD and GET probes of the connect included.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Chooses the answer to a request; 200 without body by default.</summary>
    public Func<RecordedRequest, (int Status, string Body)> Answer { get; set; } = _ => (200, string.Empty);

    /// <summary>When set, a request other than HEAD is answered only once <see cref="ReleaseOne"/> let it go.</summary>
    public bool HoldRequests { get; set; }

    /// <summary>The most requests that were being handled at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public int Port { get; private set; }

    public string Uri => $"http://127.0.0.1:{Port}";

    public static async Task<RecordingHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new RecordingHttpServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Port = new System.Uri(address).Port;
        return server;
    }

    /// <summary>The next request that arrives, other than the HEAD probe of the connect (waits for it).</summary>
    public async Task<RecordedRequest> NextAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await arrivals.Reader.ReadAsync(patience.Token);
    }

    /// <summary>Lets one held request be answered.</summary>
    public void ReleaseOne() => releases.Release();

    public async ValueTask DisposeAsync()
    {
        releases.Release(1000);
        await app.StopAsync();
        await app.DisposeAsync();
        releases.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var current = Interlocked.Increment(ref inFlight);
        InterlockedMax(ref maxInFlight, current);
        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var request = new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray());
            Requests.Enqueue(request);
            if (request.Method != HttpMethods.Head)
            {
                arrivals.Writer.TryWrite(request);
                if (HoldRequests)
                {
                    await releases.WaitAsync(context.RequestAborted);
                }
            }

            var (status, text) = Answer(request);
            context.Response.StatusCode = status;
            if (text.Length > 0)
            {
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync(text);
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
