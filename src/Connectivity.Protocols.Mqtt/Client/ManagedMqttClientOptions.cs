namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>How a <see cref="ManagedMqttClient"/> connects, reconnects and buffers.</summary>
public sealed record ManagedMqttClientOptions
{
    /// <summary>The connection each attempt makes.</summary>
    public required MqttClientOptions Client { get; init; }

    /// <summary>The delay before the first reconnect attempt; doubled per failed attempt. 1 s by default.</summary>
    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between reconnect attempts; 1 min by default.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many publishes may wait or be unacknowledged at once (1000 by default); more are refused.</summary>
    public int MaxPendingPublishes { get; init; } = 1000;
}
