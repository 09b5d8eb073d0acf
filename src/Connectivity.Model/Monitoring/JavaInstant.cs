using System.Globalization;

namespace Connectivity.Model.Monitoring;

/// <summary>
/// Timestamps as Java's <c>Instant.toString()</c> writes them: UTC, <c>Z</c> suffix, fraction in groups of three
/// digits and omitted when zero (<c>2026-01-21T08:57:24.710Z</c>, <c>2026-01-21T09:00:00Z</c>).
/// </summary>
internal static class JavaInstant
{
    public static string Format(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var seconds = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var nanos = utc.Ticks % TimeSpan.TicksPerSecond * 100;
        var fraction = nanos switch
        {
            0 => string.Empty,
            _ when nanos % 1_000_000 == 0 => "." + (nanos / 1_000_000).ToString("D3", CultureInfo.InvariantCulture),
            _ when nanos % 1_000 == 0 => "." + (nanos / 1_000).ToString("D6", CultureInfo.InvariantCulture),
            _ => "." + nanos.ToString("D9", CultureInfo.InvariantCulture),
        };
        return seconds + fraction + "Z";
    }

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
