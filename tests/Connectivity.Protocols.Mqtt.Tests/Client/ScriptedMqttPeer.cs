using System.Net;
using System.Net.Sockets;
using Connectivity.Protocols.Mqtt.Client;

namespace Connectivity.Protocols.Mqtt.Tests.Client;

/// <summary>
/// A fake MQTT server on 127.0.0.1 that a test scripts packet by packet: it accepts connections and the test reads
/// what the client sent and writes what it likes back, including hand-made broken bytes.
/// </summary>
public sealed class ScriptedMqttPeer : IDisposable
{
    /// <summary>How long the peer waits for the client before the test fails (patience, not a timed assertion).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TcpListener listener;
    private readonly List<ScriptedMqttConnection> connections = [];

    public ScriptedMqttPeer()
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    /// <summary>Options for a client of this peer; short timeouts keep failing tests short.</summary>
    public MqttClientOptions ClientOptions(MqttProtocolVersion version) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        Version = version,
        ClientId = "scripted-client",
        ConnectTimeout = Patience,
        CommunicationTimeout = Patience,
    };

    /// <summary>Waits for the client's next TCP connection.</summary>
    public async Task<ScriptedMqttConnection> AcceptAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        var socket = await listener.AcceptSocketAsync(patience.Token);
        var connection = new ScriptedMqttConnection(socket);
        lock (connections)
        {
            connections.Add(connection);
        }

        return connection;
    }

    /// <summary>Accepts a connection, reads CONNECT and answers with a successful CONNACK (or the given one).</summary>
    public async Task<ScriptedMqttConnection> AcceptSessionAsync(Packets.ConnAckPacket? connAck = null)
    {
        var connection = await AcceptAsync();
        await connection.ReadConnectAsync();
        await connection.SendAsync(connAck ?? new Packets.ConnAckPacket());
        return connection;
    }

    public void Dispose()
    {
        listener.Dispose();
        List<ScriptedMqttConnection> open;
        lock (connections)
        {
            open = [.. connections];
        }

        foreach (var connection in open)
        {
            connection.Close();
        }
    }
}
