using Connectivity.Model.Errors;
using Connectivity.Model.Signals;
using Microsoft.Extensions.Options;

namespace Connectivity.Gateway.Dispatch;

/// <summary>Single-node mode: the only instance is this process.</summary>
public sealed class LocalInstance(ConnectivityDispatcher dispatcher, IOptions<GatewayOptions> options) : IConnectivityInstances
{
    public string Self => options.Value.InstanceId;

    public IReadOnlyList<string> All => [Self];

    public Task<IConnectivityResponse?> AskAsync(string instance, string path, IConnectivityCommand command, TimeSpan timeout, CancellationToken ct) =>
        dispatcher.Resolve(path) is { } target
            ? dispatcher.AskAsync(target, command, timeout, ct)
            : Task.FromResult<IConnectivityResponse?>(new ConnectivityErrorResponse(
                new DittoRuntimeException(503, "connectivity:connection.unavailable", $"No actor at '{path}' on {instance}."), command.Headers));
}
