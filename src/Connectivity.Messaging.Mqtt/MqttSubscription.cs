using Connectivity.Model.Connections;
using Connectivity.Protocols.Mqtt;

namespace Connectivity.Messaging.Mqtt;

/// <summary>
/// One source address of a connection as this client subscribes it: the configured <see cref="Address"/>, the
/// <see cref="Filter"/> sent to the broker (a shared subscription <c>$share/&lt;group&gt;/&lt;address&gt;</c> for MQTT 5
/// with several clients) and the outcome of the subscription.
/// </summary>
internal sealed record MqttSubscription(int SourceIndex, Source Source, string Address, string Filter, MqttQos Qos)
{
    /// <summary>True once the broker granted the subscription.</summary>
    public bool Granted { get; init; }

    /// <summary>Why the broker refused the subscription; null while granted or not yet answered.</summary>
    public string? Failure { get; init; }

    /// <summary>When the broker answered.</summary>
    public DateTimeOffset? Since { get; init; }
}
