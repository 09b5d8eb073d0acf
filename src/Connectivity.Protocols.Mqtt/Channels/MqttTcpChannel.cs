using System.Net.Sockets;

namespace Connectivity.Protocols.Mqtt.Channels;

/// <summary>A plain TCP channel (MQTT 5 §4.2): a <see cref="NetworkStream"/> read and written through pipes.</summary>
public sealed class MqttTcpChannel : MqttStreamChannel
{
    private MqttTcpChannel(Socket socket, string endpoint)
        : base(socket, new NetworkStream(socket, ownsSocket: false), endpoint)
    {
    }

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>.</summary>
    /// <exception cref="SocketException">The server cannot be reached.</exception>
    /// <exception cref="TimeoutException">The TCP handshake took longer than <paramref name="connectTimeout"/>.</exception>
    public static async Task<MqttTcpChannel> ConnectAsync(string host, int port, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        var socket = await ConnectSocketAsync(host, port, connectTimeout, cancellationToken);
        return new MqttTcpChannel(socket, $"{host}:{port}");
    }
}
