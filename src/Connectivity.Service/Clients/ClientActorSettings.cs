namespace Connectivity.Service.Clients;

/// <summary>
/// Timeouts and backoff of the client state machine, <c>ditto.connectivity.client.*</c> (spec §4.5), and the name
/// of this service instance used as <c>client</c> in resource statuses (spec §3.5).
/// </summary>
public sealed record ClientActorSettings
{
    /// <summary>The first connect attempt's timeout; doubles per try up to <see cref="ConnectingMaxTimeout"/>.</summary>
    public TimeSpan ConnectingMinTimeout { get; init; } = TimeSpan.FromSeconds(50);

    public TimeSpan ConnectingMaxTimeout { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Connect attempts before the client gives up with <c>backOffLimitReached</c>.</summary>
    public int ConnectingMaxTries { get; init; } = 50;

    /// <summary>The first reconnect delay after a failure; doubles per failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>How long a graceful disconnect may take.</summary>
    public TimeSpan DisconnectingMaxTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a closing client waits after publishing the closed announcement before it disconnects.</summary>
    public TimeSpan DisconnectAnnouncementTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a connection test may take to connect.</summary>
    public TimeSpan TestingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The name of this service instance (node); defaults to the machine name.</summary>
    public string InstanceId { get; init; } = Environment.MachineName;

    /// <summary>
    /// The <c>client</c> name of client <paramref name="clientIndex"/> on this instance: the instance id for the first
    /// client, <c>&lt;instanceId&gt;-&lt;index&gt;</c> for the others, so names stay unique when several clients of a
    /// connection run on one node.
    /// </summary>
    public string ClientId(int clientIndex) =>
        clientIndex == 0 ? InstanceId : $"{InstanceId}-{clientIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
