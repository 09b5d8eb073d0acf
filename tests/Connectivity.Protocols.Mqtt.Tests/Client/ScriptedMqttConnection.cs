using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Client;

/// <summary>One accepted client connection of a <see cref="ScriptedMqttPeer"/>: read packets, write packets or raw bytes.</summary>
public sealed class ScriptedMqttConnection : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly NetworkStream stream;
    private readonly PipeReader reader;
    private IMqttPacketFormatter? formatter;

    internal ScriptedMqttConnection(Socket socket)
    {
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: true);
        reader = PipeReader.Create(stream);
    }

    /// <summary>The protocol version the client's CONNECT asked for.</summary>
    public MqttProtocolVersion Version { get; private set; } = MqttProtocolVersion.V500;

    private IMqttPacketFormatter Formatter => formatter ??= MqttPacketFormatter.For(Version);

    /// <summary>Reads the client's CONNECT (the first packet) and takes its protocol version for what follows.</summary>
    public async Task<ConnectPacket> ReadConnectAsync()
    {
        var (header, body) = await ReadFrameAsync() ?? throw new InvalidOperationException("The client closed before CONNECT.");
        Version = MqttPacketFormatter.ReadConnectProtocolVersion(new ReadOnlySequence<byte>(body));
        formatter = MqttPacketFormatter.For(Version);
        return Assert.IsType<ConnectPacket>(Formatter.Decode(header, new ReadOnlySequence<byte>(body)));
    }

    /// <summary>The client's next packet, or null when it closed the connection.</summary>
    public async Task<MqttPacket?> ReadPacketAsync()
    {
        var frame = await ReadFrameAsync();
        return frame is var (header, body) ? Formatter.Decode(header, new ReadOnlySequence<byte>(body)) : null;
    }

    /// <summary>The client's next packet, which must be a <typeparamref name="T"/>.</summary>
    public async Task<T> ReadAsync<T>()
        where T : MqttPacket
    {
        var packet = await ReadPacketAsync();
        return Assert.IsType<T>(packet);
    }

    /// <summary>Reads until the client closes the connection; returns what it sent on the way (e.g. DISCONNECT).</summary>
    public async Task<IReadOnlyList<MqttPacket>> ReadUntilClosedAsync()
    {
        var packets = new List<MqttPacket>();
        while (await ReadPacketAsync() is { } packet)
        {
            packets.Add(packet);
        }

        return packets;
    }

    public async Task SendAsync(MqttPacket packet)
    {
        var output = new ArrayBufferWriter<byte>();
        Formatter.Encode(packet, output);
        await WriteAsync(output.WrittenSpan.ToArray());
    }

    /// <summary>Writes hand-made bytes.</summary>
    public async Task WriteAsync(byte[] bytes)
    {
        using var patience = new CancellationTokenSource(ScriptedMqttPeer.Patience);
        await stream.WriteAsync(bytes, patience.Token);
        await stream.FlushAsync(patience.Token);
    }

    /// <summary>Closes the connection abruptly (as a crashed broker would).</summary>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    internal void Close()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }

        stream.Dispose();
    }

    private async Task<(byte Header, byte[] Body)?> ReadFrameAsync()
    {
        using var patience = new CancellationTokenSource(ScriptedMqttPeer.Patience);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(patience.Token);
            }
            catch (IOException)
            {
                return null; // reset by the client
            }

            var buffer = result.Buffer;
            if (MqttFrameReader.TryReadFrame(ref buffer, int.MaxValue, out var header, out var body))
            {
                var frame = (header, body.ToArray());
                reader.AdvanceTo(buffer.Start);
                return frame;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }
}
