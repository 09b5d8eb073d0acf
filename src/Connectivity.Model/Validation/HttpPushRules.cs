using System.Globalization;
using System.Text.RegularExpressions;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Validation;

/// <summary>
/// HTTP push rules (spec §8.4): no sources, targets <c>VERB:path</c> with GET, POST, PUT, PATCH or DELETE
/// (DELETE per code, spec §0 item 9), and the <c>parallelism</c>, <c>idleTimeout</c>, <c>omitRequestBody</c> config.
/// </summary>
internal static partial class HttpPushRules
{
    public static void Check(Connection connection)
    {
        if (connection.Sources.Count > 0)
        {
            throw ConnectivityErrors.ConfigurationInvalid("Sources are not supported for HTTP connections.", "Remove all sources.");
        }

        var invalid = connection.Targets.FirstOrDefault(t => !TargetAddressRegex().IsMatch(t.Address));
        if (invalid is not null)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The target address '{invalid.Address}' is invalid.",
                "An HTTP target address has the form <VERB>:<path>, e.g. POST:/api, with VERB one of GET, POST, PUT, PATCH, DELETE.");
        }

        var config = connection.SpecificConfig;
        if (config.TryGetValue("parallelism", out var parallelism)
            && !(int.TryParse(parallelism, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0))
        {
            throw ConnectivityErrors.ConfigurationInvalid($"The specificConfig 'parallelism' <{parallelism}> is invalid.", "It must be a positive integer.");
        }

        if (config.TryGetValue("idleTimeout", out var idleTimeout)
            && !(SpecificConfigDurations.Parse(idleTimeout) is { } d && d <= TimeSpan.FromSeconds(60)))
        {
            throw ConnectivityErrors.ConfigurationInvalid($"The specificConfig 'idleTimeout' <{idleTimeout}> is invalid.", "It must be a duration between 0 and 60s.");
        }

        if (config.TryGetValue("omitRequestBody", out var omit)
            && omit.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Any(m => !MethodRegex().IsMatch(m)))
        {
            throw ConnectivityErrors.ConfigurationInvalid($"The specificConfig 'omitRequestBody' <{omit}> is invalid.", "It must be a comma list of HTTP methods.");
        }
    }

    [GeneratedRegex("^(GET|POST|PUT|PATCH|DELETE):.*$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TargetAddressRegex();

    [GeneratedRegex("^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$", RegexOptions.CultureInvariant)]
    private static partial Regex MethodRegex();
}
