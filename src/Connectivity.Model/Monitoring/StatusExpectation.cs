namespace Connectivity.Model.Monitoring;

/// <summary>One source of a connection as far as status aggregation cares: its address count and consumer count.</summary>
public sealed record SourceExpectation(int AddressCount, int ConsumerCount);

/// <summary>
/// What a status retrieval expects to hear back (spec §3.5): derived from the connection's configuration and the
/// number of connectivity cluster members currently available.
/// </summary>
/// <param name="DesiredStatus">The persisted <c>connectionStatus</c> wire value; only <c>open</c> expects more than clients.</param>
/// <param name="ConnectionType">The connection type wire value, e.g. <c>mqtt</c> (MQTT 3.1.1 starts one consumer per source).</param>
public sealed record StatusExpectation(
    int ClientCount,
    string DesiredStatus,
    IReadOnlyList<SourceExpectation> Sources,
    int TargetCount,
    string ConnectionType,
    bool SshTunnelEnabled,
    int ClusterMemberCount)
{
    /// <summary>The connection type whose consumers subscribe to all addresses of a source at once.</summary>
    public const string Mqtt311ConnectionType = "mqtt";

    /// <summary>How many statuses of <paramref name="type"/> are expected.</summary>
    public int ExpectedCount(ResourceType type)
    {
        var desiredOpen = DesiredStatus == LiveStatus.Open;
        return type switch
        {
            ResourceType.Client => ClientCount,
            ResourceType.Source when desiredOpen => ClientCount * Sources.Sum(source =>
                source.ConsumerCount * (ConnectionType == Mqtt311ConnectionType ? 1 : source.AddressCount)),
            ResourceType.Target when desiredOpen => ClientCount * TargetCount,
            ResourceType.Ssh when desiredOpen && SshTunnelEnabled => ClientCount,
            _ => 0,
        };
    }
}
