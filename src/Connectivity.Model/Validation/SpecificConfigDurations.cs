using System.Globalization;
using System.Text.RegularExpressions;

namespace Connectivity.Model.Validation;

/// <summary>Durations in specific config: a number with unit <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c> (seconds when plain); shared by validation and the protocol bindings.</summary>
public static partial class SpecificConfigDurations
{
    /// <summary>The duration <paramref name="raw"/> stands for, or null when it is not a duration.</summary>
    public static TimeSpan? Parse(string raw)
    {
        var match = DurationRegex().Match(raw.Trim());
        if (!match.Success)
        {
            return null;
        }

        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "m" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    [GeneratedRegex(@"^(?<value>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|m|h)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationRegex();
}
