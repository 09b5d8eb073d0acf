using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectivity.Gateway.Auth;

/// <summary>
/// Warns once the server listens when no <c>DEVOPS_PASSWORD</c> is set but an address is not loopback: the
/// development password is then refused and every management request gets 401.
/// </summary>
public sealed partial class DevOpsAuthStartupCheck(
    IHostApplicationLifetime lifetime, IServer server, IOptions<DevOpsAuthOptions> options, ILogger<DevOpsAuthStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (string.IsNullOrEmpty(options.Value.Password) && !addresses.All(DevOpsBasicAuthMiddleware.IsLoopback))
            {
                LogNoPassword(logger, string.Join(", ", addresses));
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "DEVOPS_PASSWORD is not set and the service listens on {Addresses}: the development password is only accepted on loopback binds, so every management request is refused with 401. Set DEVOPS_PASSWORD.")]
    private static partial void LogNoPassword(ILogger logger, string addresses);
}
