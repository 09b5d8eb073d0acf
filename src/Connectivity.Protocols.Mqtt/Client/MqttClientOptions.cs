using System.Net.Security;
using System.Text;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>How an <see cref="MqttClient"/> connects: endpoint, TLS, protocol version and the CONNECT fields.</summary>
public sealed record MqttClientOptions
{
    /// <summary>The server's host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>The server's port; 1883 by default (8883 is the usual TLS port).</summary>
    public int Port { get; init; } = 1883;

    /// <summary>Whether to connect with TLS (<see cref="Tls"/> or the system's defaults).</summary>
    public bool UseTls { get; init; }

    /// <summary>TLS settings (trusted CA, client certificate, validation); TargetHost defaults to <see cref="Host"/>.</summary>
    public SslClientAuthenticationOptions? Tls { get; init; }

    /// <summary>The protocol version; MQTT 5 by default.</summary>
    public MqttProtocolVersion Version { get; init; } = MqttProtocolVersion.V500;

    /// <summary>Client Identifier (§3.1.3.1); empty asks the server to assign one.</summary>
    public string ClientId { get; init; } = "";

    /// <summary>User Name (§3.1.3.5).</summary>
    public string? Username { get; init; }

    /// <summary>Password (§3.1.3.6), sent as UTF-8; never logged or printed.</summary>
    public string? Password { get; init; }

    /// <summary>Clean Session (3.1.1) / Clean Start (MQTT 5); true by default.</summary>
    public bool CleanSession { get; init; } = true;

    /// <summary>Keep Alive (§3.1.2.10), whole seconds up to 65535; zero turns it off. 60 s by default.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Session Expiry Interval in seconds (MQTT 5 §3.1.2.11.2).</summary>
    public uint SessionExpiryInterval { get; init; }

    /// <summary>How many unacknowledged QoS 1/2 publishes the server may send at once (MQTT 5 §3.1.2.11.3).</summary>
    public ushort ReceiveMaximum { get; init; } = ushort.MaxValue;

    /// <summary>The largest packet accepted from the server (MQTT 5 §3.1.2.11.4); larger ones close the connection.</summary>
    public int MaximumPacketSize { get; init; } = 268_435_455;

    /// <summary>How many topic aliases the server may use towards this client (MQTT 5 §3.1.2.11.5).</summary>
    public ushort TopicAliasMaximum { get; init; } = 16;

    /// <summary>The Will Message (§3.1.2.5).</summary>
    public MqttWill? Will { get; init; }

    /// <summary>User Properties of CONNECT (MQTT 5 §3.1.2.11.8).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>How long connecting may take, TCP and TLS handshakes and CONNACK included; 10 s by default.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for a PUBACK, PUBREC, PUBCOMP, SUBACK, UNSUBACK or PINGRESP; 10 s by default.</summary>
    public TimeSpan CommunicationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Host = {Host}, Port = {Port}, UseTls = {UseTls}, Version = {Version}, ClientId = {ClientId}, ");
        builder.Append($"Username = {Username}, Password = {(Password is null ? "null" : "***")}, CleanSession = {CleanSession}, ");
        builder.Append($"KeepAlive = {KeepAlive}, SessionExpiryInterval = {SessionExpiryInterval}, ReceiveMaximum = {ReceiveMaximum}, ");
        builder.Append($"MaximumPacketSize = {MaximumPacketSize}, ConnectTimeout = {ConnectTimeout}, CommunicationTimeout = {CommunicationTimeout}");
        return true;
    }
}
