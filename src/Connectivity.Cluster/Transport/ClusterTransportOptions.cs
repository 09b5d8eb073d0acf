namespace Connectivity.Cluster.Transport;

/// <summary>Settings of the node-to-node transport (bound from configuration by the composition root).</summary>
public sealed class ClusterTransportOptions
{
    /// <summary>
    /// Where this node listens for other nodes, e.g. <c>http://127.0.0.1:9101</c> (HTTP/2 cleartext only; the public API
    /// listens elsewhere). The host is an IP address, <c>localhost</c>, or <c>*</c>/<c>0.0.0.0</c> for every interface.
    /// </summary>
    public string InternalUrl { get; set; } = "http://127.0.0.1:9101";

    /// <summary>
    /// The address other nodes use to reach this one (what membership records and what goes into a message's
    /// <c>sender</c>); <see cref="InternalUrl"/> when unset, which only works when that is not a wildcard.
    /// </summary>
    public string? AdvertisedUrl { get; set; }

    /// <summary>The shared secret every request carries in <c>X-Cluster-Secret</c>; when null, requests are not checked.</summary>
    public string? Secret { get; set; }

    /// <summary>The ask timeout a request without <c>timeoutMs</c> gets.</summary>
    public TimeSpan DefaultAskTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest ask a remote node may request; longer ones are cut to this.</summary>
    public TimeSpan MaxAskTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How much longer than the ask timeout the HTTP request may take before the caller gives up on the node.</summary>
    public TimeSpan AskTimeoutMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a tell may take before the node counts as unreachable.</summary>
    public TimeSpan TellTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>HTTP/2 PING interval on idle connections, so a dead peer is noticed before the next request.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a temporary sender (an ask's reply promise) sent to another node stays reachable for its reply.</summary>
    public TimeSpan TemporarySenderLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages told to one node's <see cref="RemoteActorRef"/>s that may wait to be sent; beyond it they fail.</summary>
    public int OutboxCapacity { get; set; } = 10_000;

    /// <summary>The address put into outgoing senders.</summary>
    public string LocalAddress => (AdvertisedUrl ?? InternalUrl).TrimEnd('/');
}
