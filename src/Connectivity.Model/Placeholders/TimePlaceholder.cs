using System.Globalization;
using System.Text.RegularExpressions;
using Connectivity.Model.Monitoring;

namespace Connectivity.Model.Placeholders;

/// <summary>
/// <c>time:now</c> (ISO-8601 as Java's <c>Instant.toString()</c>) and <c>time:now_epoch_millis</c>, each optionally
/// with an offset (<c>+1h</c>, <c>-30m</c>, <c>-10</c> = seconds; units <c>ms s m h d</c>) and a truncation
/// (<c>[h]</c>, applied after the offset): <c>time:now-1d[d]</c> is yesterday at midnight UTC.
/// </summary>
internal static partial class TimePlaceholder
{
    public static bool Supports(string name) => NameRegex().IsMatch(name);

    /// <summary>The value of <c>time:<paramref name="name"/></c> at <paramref name="now"/>; null if the name is not supported or out of range.</summary>
    public static string? Resolve(string name, DateTimeOffset now)
    {
        var match = NameRegex().Match(name);
        if (!match.Success)
        {
            return null;
        }

        try
        {
            return Format(match, now.ToUniversalTime());
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // the offset leaves the representable time range
        }
    }

    private static string Format(Match match, DateTimeOffset instant)
    {
        if (match.Groups["amount"].Success)
        {
            var amount = long.Parse(match.Groups["amount"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            var offset = Duration(amount, match.Groups["unit"].Value);
            instant = match.Groups["sign"].Value == "-" ? instant - offset : instant + offset;
        }

        if (match.Groups["truncate"].Success)
        {
            var unit = Duration(1, match.Groups["truncate"].Value).Ticks;
            instant = new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % unit), TimeSpan.Zero);
        }

        return match.Groups["base"].Value == "now_epoch_millis"
            ? instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
            : JavaInstant.Format(instant);
    }

    private static TimeSpan Duration(long amount, string unit) => unit switch
    {
        "ms" => TimeSpan.FromMilliseconds(amount),
        "m" => TimeSpan.FromMinutes(amount),
        "h" => TimeSpan.FromHours(amount),
        "d" => TimeSpan.FromDays(amount),
        _ => TimeSpan.FromSeconds(amount),
    };

    [GeneratedRegex(@"^(?<base>now_epoch_millis|now)(?:(?<sign>[+-])(?<amount>\d{1,9})(?<unit>ms|s|m|h|d)?)?(?:\[(?<truncate>ms|s|m|h|d)\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
