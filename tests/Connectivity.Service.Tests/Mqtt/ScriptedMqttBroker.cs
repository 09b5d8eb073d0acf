using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Service.Tests.Mqtt;

/// <summary>
/// A scripted MQTT server on 127.0.0.1 for answers a real broker will not give: it accepts every CONNECT, answers each
/// SUBSCRIBE with the reason codes <see cref="SubscribeAnswer"/> chooses per topic filter, answers PINGREQ and ignores
/// everything else. One connection at a time is enough for the tests.
/// </summary>
public sealed class ScriptedMqttBroker : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    public ScriptedMqttBroker(Func<string, MqttSubscribeReasonCode> subscribeAnswer)
    {
        SubscribeAnswer = subscribeAnswer;
        listener.Start();
        serving = ServeAsync();
    }

    public Func<string, MqttSubscribeReasonCode> SubscribeAnswer { get; }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            using var socket = await listener.AcceptSocketAsync(stopping.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            try
            {
                await ConverseAsync(PipeReader.Create(stream), PipeWriter.Create(stream));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or InvalidOperationException)
            {
                // the client went away
            }
        }
    }

    private async Task ConverseAsync(PipeReader input, PipeWriter output)
    {
        var formatter = MqttPacketFormatter.For(MqttProtocolVersion.V500);
        while (true)
        {
            var read = await input.ReadAsync(stopping.Token);
            var buffer = read.Buffer;
            while (MqttFrameReader.TryReadFrame(ref buffer, 1 << 20, out var fixedHeader, out var body))
            {
                if ((MqttPacketType)(fixedHeader >> 4) == MqttPacketType.Connect)
                {
                    formatter = MqttPacketFormatter.For(MqttPacketFormatter.ReadConnectProtocolVersion(body));
                }

                MqttPacket? answer = formatter.Decode(fixedHeader, body) switch
                {
                    ConnectPacket => new ConnAckPacket { ReasonCode = MqttConnectReasonCode.Success },
                    SubscribePacket subscribe => new SubAckPacket
                    {
                        PacketIdentifier = subscribe.PacketIdentifier,
                        ReasonCodes = [.. subscribe.TopicFilters.Select(f => SubscribeAnswer(f.Topic))],
                    },
                    PingReqPacket => PingRespPacket.Instance,
                    _ => null,
                };
                if (answer is not null)
                {
                    formatter.Encode(answer, output);
                    await output.FlushAsync(stopping.Token);
                }
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }
}
