using System.Collections.Frozen;
using System.Globalization;
using Connectivity.Model.Validation;
using Connectivity.Service.Clients;

namespace Connectivity.Messaging.Http;

/// <summary>
/// The <c>specificConfig</c> of an <c>http-push</c> connection (spec §8.4): <c>parallelism</c> (default 1, &gt; 0),
/// <c>omitRequestBody</c> (comma list of methods sent without a body, default <c>GET,DELETE</c>) and <c>idleTimeout</c>
/// (how long an unused pooled connection is kept, default the request timeout of 60 s).
/// </summary>
internal sealed record HttpPushSpecificConfig
{
    public const string ParallelismKey = "parallelism";

    public const string OmitRequestBodyKey = "omitRequestBody";

    public const string IdleTimeoutKey = "idleTimeout";

    /// <summary>The request timeout of spec §8.4, also the default <c>idleTimeout</c>.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private static readonly FrozenSet<string> DefaultOmitRequestBody = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "GET", "DELETE");

    /// <summary>At most this many requests are in flight at once.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>The methods whose requests carry no body.</summary>
    public FrozenSet<string> OmitRequestBody { get; init; } = DefaultOmitRequestBody;

    /// <summary>How long an idle pooled connection is kept open.</summary>
    public TimeSpan IdleTimeout { get; init; } = RequestTimeout;

    /// <summary>Reads the config; throws a misconfigured <see cref="ConnectionFailureException"/> for an invalid value.</summary>
    public static HttpPushSpecificConfig Parse(IReadOnlyDictionary<string, string> specificConfig)
    {
        var config = new HttpPushSpecificConfig();
        if (specificConfig.TryGetValue(ParallelismKey, out var parallelism))
        {
            config = config with
            {
                Parallelism = int.TryParse(parallelism, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0
                    ? p
                    : throw Invalid(ParallelismKey, parallelism, "a positive integer"),
            };
        }

        if (specificConfig.TryGetValue(OmitRequestBodyKey, out var omit))
        {
            config = config with
            {
                OmitRequestBody = omit
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            };
        }

        if (specificConfig.TryGetValue(IdleTimeoutKey, out var idle))
        {
            config = config with
            {
                IdleTimeout = SpecificConfigDurations.Parse(idle) is { } d && d <= RequestTimeout
                    ? d
                    : throw Invalid(IdleTimeoutKey, idle, "a duration between 0 and 60s"),
            };
        }

        return config;
    }

    private static ConnectionFailureException Invalid(string key, string value, string expected) =>
        ConnectionFailureException.Misconfigured($"The specificConfig '{key}' must be {expected}, not '{value}'.");
}
