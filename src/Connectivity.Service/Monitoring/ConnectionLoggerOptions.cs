using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Connectivity.Service.Monitoring;

/// <summary>
/// Settings of the connection logs (spec §5.2), bound from the configuration section <see cref="SectionName"/>
/// (<c>Connectivity:Logger</c>). Ditto's environment variables override them via <see cref="ApplyEnvironment"/>:
/// <c>CONNECTIVITY_LOGGER_SUCCESS_CAPACITY</c>, <c>CONNECTIVITY_LOGGER_FAILURE_CAPACITY</c>,
/// <c>CONNECTIVITY_LOGGER_LOG_DURATION</c>.
/// </summary>
public sealed partial class ConnectionLoggerOptions
{
    public const string SectionName = "Connectivity:Logger";
    public const string SuccessCapacityVariable = "CONNECTIVITY_LOGGER_SUCCESS_CAPACITY";
    public const string FailureCapacityVariable = "CONNECTIVITY_LOGGER_FAILURE_CAPACITY";
    public const string LogDurationVariable = "CONNECTIVITY_LOGGER_LOG_DURATION";

    /// <summary>Success entries kept per (category, type, address); env <c>CONNECTIVITY_LOGGER_SUCCESS_CAPACITY</c>.</summary>
    public int SuccessCapacity { get; set; } = 10;

    /// <summary>Failure entries kept per (category, type, address); env <c>CONNECTIVITY_LOGGER_FAILURE_CAPACITY</c>.</summary>
    public int FailureCapacity { get; set; } = 10;

    /// <summary>JSON size budget of a retrieved (merged) log.</summary>
    public long MaxLogSizeBytes { get; set; } = 250_000;

    /// <summary>
    /// How long logging stays enabled after enabling or retrieving; env <c>CONNECTIVITY_LOGGER_LOG_DURATION</c>.
    /// Default 1 h as Ditto's configuration (its docs say 24 h; spec §0 discrepancy 1).
    /// </summary>
    public TimeSpan LogDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often expired logging is disabled.</summary>
    public TimeSpan LoggingActiveCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Overrides settings from Ditto's environment variables, read through <paramref name="lookup"/> (e.g.
    /// <see cref="Environment.GetEnvironmentVariable(string)"/>). Durations may be HOCON-like (<c>1h</c>, <c>30m</c>,
    /// <c>90s</c>, <c>500ms</c>, <c>1d</c>), ISO 8601 (<c>PT1H</c>) or <c>hh:mm:ss</c>.
    /// </summary>
    /// <exception cref="FormatException">If a variable is set but cannot be read.</exception>
    public ConnectionLoggerOptions ApplyEnvironment(Func<string, string?> lookup)
    {
        if (lookup(SuccessCapacityVariable) is { Length: > 0 } success)
        {
            SuccessCapacity = ParseInt(SuccessCapacityVariable, success);
        }

        if (lookup(FailureCapacityVariable) is { Length: > 0 } failure)
        {
            FailureCapacity = ParseInt(FailureCapacityVariable, failure);
        }

        if (lookup(LogDurationVariable) is { Length: > 0 } duration)
        {
            LogDuration = ParseDuration(duration)
                ?? throw new FormatException($"{LogDurationVariable} is not a duration: <{duration}>.");
        }

        return this;
    }

    /// <summary>Reads a duration in any of the forms <see cref="ApplyEnvironment"/> accepts; null if none fits.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        text = text.Trim();
        var match = HoconDuration().Match(text);
        if (match.Success)
        {
            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            return match.Groups["unit"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                _ => TimeSpan.FromDays(value),
            };
        }

        if (text.StartsWith('P'))
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    private static int ParseInt(string variable, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{variable} is not an integer: <{text}>.");

    [GeneratedRegex(@"^(?<value>\d+(?:\.\d+)?)\s*(?<unit>ms|s|m|h|d)$")]
    private static partial Regex HoconDuration();
}
