using Connectivity.Model.Connections;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Validation;

/// <summary>
/// Hono rules (spec §8.6): sources use the aliases <c>event</c>,
/// <c>telemetry</c>, <c>command_response</c> with QoS 0/1, and targets publish to <c>command</c>.
/// </summary>
internal static class HonoRules
{
    private static readonly string[] SourceAliases = ["event", "telemetry", "command_response"];

    private const string CommandAlias = "command";

    public static void Check(Connection connection)
    {
        foreach (var source in connection.Sources)
        {
            var invalid = source.Addresses.FirstOrDefault(a => !SourceAliases.Contains(a, StringComparer.Ordinal));
            if (invalid is not null)
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The hono source address '{invalid}' is invalid.", "Use one of: " + string.Join(", ", SourceAliases) + ".");
            }

            if (source.Qos is not (null or 0 or 1))
            {
                throw ConnectivityErrors.ConfigurationInvalid($"The hono source QoS {source.Qos} is invalid.", "Use 0 or 1.");
            }
        }

        var invalidTarget = connection.Targets.FirstOrDefault(t => t.Address != CommandAlias);
        if (invalidTarget is not null)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The hono target address '{invalidTarget.Address}' is invalid.", $"The target address must be '{CommandAlias}'.");
        }
    }
}
