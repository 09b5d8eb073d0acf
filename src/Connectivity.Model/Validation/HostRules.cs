using System.Net;
using System.Text.RegularExpressions;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Validation;

/// <summary>
/// Host allow/block rules (spec §1.3) without DNS: allowed names win; blocked names and the blocked-host regex
/// match the name; IP literals are matched against the blocked subnets.
/// </summary>
internal sealed class HostRules
{
    private readonly ConnectivityLimits limits;
    private readonly IReadOnlyList<SubnetRange> blockedSubnets;
    private readonly Regex? blockedHostRegex;

    public HostRules(ConnectivityLimits limits)
    {
        this.limits = limits;
        blockedSubnets = [.. limits.BlockedSubnets.Select(SubnetRange.Parse)];
        blockedHostRegex = string.IsNullOrEmpty(limits.BlockedHostRegex)
            ? null
            : new Regex(limits.BlockedHostRegex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public void Check(string host)
    {
        var name = host.Trim('[', ']');
        if (limits.AllowedHostnames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var blocked = limits.BlockedHostnames.Contains(name, StringComparer.OrdinalIgnoreCase)
                      || (blockedHostRegex?.IsMatch(name) ?? false)
                      || (IPAddress.TryParse(name, out var address) && blockedSubnets.Any(s => s.Contains(address)));
        if (blocked)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The configured host '{host}' is invalid.",
                "The host is blocked by the service configuration; use another host.");
        }
    }
}
