namespace Connectivity.Model.Validation;

/// <summary>
/// Service configuration the <see cref="ConnectionValidator"/> enforces (spec §1.3, §1.11):
/// <c>ditto.connectivity.connection.*</c> limits and host allow/block lists.
/// </summary>
public sealed record ConnectivityLimits
{
    public static ConnectivityLimits Default { get; } = new();

    /// <summary><c>max-source-number</c> (env <c>CONNECTION_SOURCE_NUMBER</c>).</summary>
    public int MaxSources { get; init; } = 4;

    /// <summary><c>max-target-number</c> (env <c>CONNECTION_TARGET_NUMBER</c>).</summary>
    public int MaxTargets { get; init; } = 4;

    /// <summary><c>mapper-limits</c>: payload mappings per source and per target.</summary>
    public int MaxMappingsPerSourceOrTarget { get; init; } = 10;

    /// <summary>Hosts always allowed, even if another rule would block them.</summary>
    public IReadOnlyList<string> AllowedHostnames { get; init; } = [];

    public IReadOnlyList<string> BlockedHostnames { get; init; } = [];

    /// <summary>Blocked IP ranges in CIDR notation (<c>10.0.0.0/8</c>, <c>fd00::/8</c>), matched against IP-literal hosts.</summary>
    public IReadOnlyList<string> BlockedSubnets { get; init; } = [];

    public string? BlockedHostRegex { get; init; }

    /// <summary>Whether OAuth token endpoints must use https (<c>enforce-https</c>).</summary>
    public bool OAuthEnforceHttps { get; init; } = true;
}
