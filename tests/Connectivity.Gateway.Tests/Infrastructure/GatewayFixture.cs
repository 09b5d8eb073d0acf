using Microsoft.AspNetCore.Http;
using Xunit;

namespace Connectivity.Gateway.Tests.Infrastructure;

/// <summary>One running server per test class, with a sink answering 200 and one answering 401.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private ServerProcess? server;
    private HttpSink? sink;
    private HttpSink? unauthorizedSink;

    public ServerProcess Server => server ?? throw new InvalidOperationException("not started");

    /// <summary>Answers 200 to everything.</summary>
    public HttpSink Sink => sink ?? throw new InvalidOperationException("not started");

    /// <summary>Answers 401 to everything.</summary>
    public HttpSink UnauthorizedSink => unauthorizedSink ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Server.Client;

    public async Task InitializeAsync()
    {
        sink = await HttpSink.StartAsync(StatusCodes.Status200OK);
        unauthorizedSink = await HttpSink.StartAsync(StatusCodes.Status401Unauthorized);
        server = await ServerProcess.StartAsync("gateway-tests-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (sink is not null)
        {
            await sink.DisposeAsync();
        }

        if (unauthorizedSink is not null)
        {
            await unauthorizedSink.DisposeAsync();
        }
    }
}
