namespace Connectivity.Gateway;

/// <summary>Settings of the HTTP gateway (configuration section <c>Connectivity:Gateway</c>).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Connectivity:Gateway";

    /// <summary>Largest accepted request body; larger ones get 413. Default 256 KiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Most connections <c>GET /api/2/connections</c> returns in full (Ditto's <c>connections-retrieve-limit</c>).</summary>
    public int ConnectionsRetrieveLimit { get; set; } = 100;

    /// <summary>Ask timeout when the request carries no <c>timeout</c> header or query parameter.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Default ask timeout of piggyback commands (Ditto: 10 s, also the minimum when aggregating).</summary>
    public TimeSpan PiggybackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of a dry-run (<c>testConnection</c>) request (Ditto sets 15 s).</summary>
    public TimeSpan DryRunTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Name of this cluster node, the instance key of aggregated piggyback responses.</summary>
    public string InstanceId { get; set; } = Environment.MachineName;
}
