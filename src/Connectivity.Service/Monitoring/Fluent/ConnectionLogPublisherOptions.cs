using System.Globalization;
using ModelLogLevel = Connectivity.Model.Monitoring.LogLevel;

namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>
/// Publishing of connection log entries to Fluentd / Fluent Bit (spec §5.3, Ditto's
/// <c>ditto.connectivity.monitoring.logger.publisher</c>), bound from <see cref="SectionName"/>
/// (<c>Connectivity:Logger:Publisher</c>). Ditto's environment variables override it via <see cref="ApplyEnvironment"/>:
/// <c>CONNECTIVITY_LOGGER_PUBLISHER_ENABLED</c>, <c>..._LOG_TAG</c>, <c>..._FLUENCY_HOST</c>, <c>..._FLUENCY_PORT</c>,
/// <c>..._LOG_LEVELS</c>.
/// </summary>
public sealed class ConnectionLogPublisherOptions
{
    public const string SectionName = "Connectivity:Logger:Publisher";
    public const string EnabledVariable = "CONNECTIVITY_LOGGER_PUBLISHER_ENABLED";
    public const string LogTagVariable = "CONNECTIVITY_LOGGER_PUBLISHER_LOG_TAG";
    public const string HostVariable = "CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_HOST";
    public const string PortVariable = "CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_PORT";
    public const string LogLevelsVariable = "CONNECTIVITY_LOGGER_PUBLISHER_LOG_LEVELS";

    /// <summary>The tag of a connection's entries unless <see cref="LogTag"/> is set: <c>connection:&lt;connectionId&gt;</c>.</summary>
    public const string DefaultTagPrefix = "connection:";

    /// <summary>Whether entries are published at all; env <c>CONNECTIVITY_LOGGER_PUBLISHER_ENABLED</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>The levels published, comma-separated (<c>success</c>, <c>failure</c>); env <c>..._LOG_LEVELS</c>.</summary>
    public string LogLevels { get; set; } = "success,failure";

    /// <summary>Ditto's <c>logHeadersAndPayload</c>; entries here carry no headers or payload, so it changes nothing yet.</summary>
    public bool LogHeadersAndPayload { get; set; }

    /// <summary>One tag for every connection's entries; unset: <c>connection:&lt;connectionId&gt;</c>. Env <c>..._LOG_TAG</c>.</summary>
    public string? LogTag { get; set; }

    /// <summary>Static keys and values added to every published record (Ditto's <c>additional-log-context</c>).</summary>
    public Dictionary<string, string> AdditionalLogContext { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The endpoint and the sender's buffer, flush, retry and acknowledgement settings.</summary>
    public FluencyOptions Fluency { get; set; } = new();

    /// <summary>The tag for entries of <paramref name="connectionId"/>.</summary>
    public string TagFor(string connectionId) =>
        string.IsNullOrWhiteSpace(LogTag) ? DefaultTagPrefix + connectionId : LogTag;

    /// <summary>
    /// The levels in <see cref="LogLevels"/>: comma- or space-separated, case-insensitive, brackets and quotes
    /// ignored (so HOCON's <c>["success","failure"]</c> works too); empty publishes nothing.
    /// </summary>
    /// <exception cref="FormatException">If a level is neither <c>success</c> nor <c>failure</c>.</exception>
    public IReadOnlySet<ModelLogLevel> ParseLogLevels()
    {
        var levels = new HashSet<ModelLogLevel>();
        var tokens = (LogLevels ?? string.Empty).Split([',', ' ', '[', ']', '"', '\''], StringSplitOptions.RemoveEmptyEntries);
        foreach (var token in tokens)
        {
            levels.Add(token.ToUpperInvariant() switch
            {
                "SUCCESS" => ModelLogLevel.Success,
                "FAILURE" => ModelLogLevel.Failure,
                _ => throw new FormatException($"Unknown log level <{token}> in <{LogLevels}>: expected success and/or failure."),
            });
        }

        return levels;
    }

    /// <summary>Overrides settings from Ditto's environment variables, read through <paramref name="lookup"/>.</summary>
    /// <exception cref="FormatException">If <c>..._ENABLED</c> is not a boolean or <c>..._FLUENCY_PORT</c> not an integer.</exception>
    public ConnectionLogPublisherOptions ApplyEnvironment(Func<string, string?> lookup)
    {
        if (lookup(EnabledVariable) is { Length: > 0 } enabled)
        {
            Enabled = ParseBoolean(enabled);
        }

        if (lookup(LogTagVariable) is { Length: > 0 } tag)
        {
            LogTag = tag;
        }

        if (lookup(HostVariable) is { Length: > 0 } host)
        {
            Fluency.Host = host;
        }

        if (lookup(PortVariable) is { Length: > 0 } port)
        {
            Fluency.Port = int.TryParse(port, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"{PortVariable} is not an integer: <{port}>.");
        }

        if (lookup(LogLevelsVariable) is { Length: > 0 } levels)
        {
            LogLevels = levels;
        }

        return this;
    }

    /// <summary>HOCON's booleans: true/false, yes/no, on/off (case-insensitive).</summary>
    private static bool ParseBoolean(string text) => text.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "ON" => true,
        "FALSE" or "NO" or "OFF" => false,
        _ => throw new FormatException($"{EnabledVariable} is not a boolean: <{text}>."),
    };
}
