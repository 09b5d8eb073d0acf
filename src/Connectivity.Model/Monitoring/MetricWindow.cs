using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Connectivity.Model.Monitoring;

/// <summary>
/// The sliding windows metrics are counted over and their wire keys, which are Java <c>Duration.toString()</c>
/// values (<c>PT1M</c>, <c>PT1H</c>, <c>PT24H</c>; spec §0 discrepancy 2).
/// </summary>
public static partial class MetricWindow
{
    public static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan OneHour = TimeSpan.FromHours(1);
    public static readonly TimeSpan OneDay = TimeSpan.FromHours(24);

    /// <summary>The standard windows, shortest first.</summary>
    public static IReadOnlyList<TimeSpan> All { get; } = [OneMinute, OneHour, OneDay];

    /// <summary>Formats like Java's <c>Duration.toString()</c> for whole seconds: <c>PT24H</c>, <c>PT1H30M</c>, <c>PT10S</c>.</summary>
    public static string ToWire(TimeSpan window)
    {
        if (window == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var builder = new StringBuilder("PT");
        var hours = (long)window.TotalHours;
        if (hours != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{hours}H");
        }

        if (window.Minutes != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{window.Minutes}M");
        }

        if (window.Seconds != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{window.Seconds}S");
        }

        return builder.ToString();
    }

    /// <summary>Parses <c>PT[nH][nM][nS]</c> window keys.</summary>
    public static bool TryParse(string? wire, out TimeSpan window)
    {
        window = TimeSpan.Zero;
        var match = wire is null ? Match.Empty : WirePattern().Match(wire);
        if (!match.Success || wire == "PT")
        {
            return false;
        }

        window = TimeSpan.FromHours(Group(match, "h")) + TimeSpan.FromMinutes(Group(match, "m")) + TimeSpan.FromSeconds(Group(match, "s"));
        return true;
    }

    private static long Group(Match match, string name) =>
        match.Groups[name].Success ? long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^PT(?:(?<h>\d+)H)?(?:(?<m>\d+)M)?(?:(?<s>\d+)S)?$")]
    private static partial Regex WirePattern();
}
