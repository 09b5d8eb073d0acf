using Microsoft.Extensions.Options;

namespace Connectivity.Cluster.Membership;

/// <summary>
/// Rejects <see cref="ClusterOptions"/> without an identity or whose timings would declare live nodes down or let
/// leases expire between renewals: DownAfter must exceed two heartbeats and LeaseTtl three renewals.
/// </summary>
public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.NodeId))
        {
            failures.Add($"{nameof(options.NodeId)} must not be empty.");
        }

        if (!Uri.TryCreate(options.InternalAddress, UriKind.Absolute, out var address)
            || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{nameof(options.InternalAddress)} must be an absolute http or https URL.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.HeartbeatInterval)} must be positive.");
        }

        if (options.DownAfter <= 2 * options.HeartbeatInterval)
        {
            failures.Add($"{nameof(options.DownAfter)} must be more than twice {nameof(options.HeartbeatInterval)}.");
        }

        if (options.LeaseRenewInterval <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.LeaseRenewInterval)} must be positive.");
        }

        if (options.LeaseTtl <= 3 * options.LeaseRenewInterval)
        {
            failures.Add($"{nameof(options.LeaseTtl)} must be more than three times {nameof(options.LeaseRenewInterval)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
