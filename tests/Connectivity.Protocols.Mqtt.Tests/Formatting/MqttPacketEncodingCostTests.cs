using System.Buffers;
using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Formatting;

/// <summary>
/// The encoder computes sizes first and writes each packet into one span of the output, so the
/// hot path (PUBLISH, acks, PINGREQ) allocates nothing on the managed heap.
/// </summary>
public sealed class MqttPacketEncodingCostTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Encode_should_not_allocate_when_writing_hot_path_packets(MqttProtocolVersion version)
    {
        var formatter = MqttPacketFormatter.For(version);
        var output = new ArrayBufferWriter<byte>(1 << 20);
        MqttPacket[] packets =
        [
            new PublishPacket { Topic = "sensors/room-1/temperature", Payload = new byte[100], Qos = MqttQos.AtLeastOnce, PacketIdentifier = 1 },
            new PublishPacket { Topic = "bulk", Payload = new byte[100_000], Qos = MqttQos.ExactlyOnce, PacketIdentifier = 2 },
            new PublishPacket
            {
                Topic = "t/ü",
                Payload = new byte[10],
                ContentType = "application/json",
                CorrelationData = new byte[16],
                MessageExpiryInterval = 30,
                UserProperties = [new("trace-id", "0af7651916cd43dd8448eb211c80319c")],
            },
            new PubAckPacket { PacketIdentifier = 1 },
            new PubRecPacket { PacketIdentifier = 2, ReasonCode = MqttPubRecReasonCode.NoMatchingSubscribers },
            new PubRelPacket { PacketIdentifier = 2 },
            new PubCompPacket { PacketIdentifier = 2 },
            PingReqPacket.Instance,
        ];
        EncodeAll(formatter, packets, output);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 50; round++)
        {
            EncodeAll(formatter, packets, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Encode_should_reject_topic_name_when_it_has_a_wildcard(MqttProtocolVersion version)
    {
        var formatter = MqttPacketFormatter.For(version);
        var output = new ArrayBufferWriter<byte>();

        var exception = Assert.Throws<MqttProtocolException>(() => formatter.Encode(new PublishPacket { Topic = "a/+/c" }, output));
        Assert.Throws<MqttProtocolException>(() => formatter.Encode(
            new ConnectPacket { ClientId = "c", Will = new MqttWill("w/#", ReadOnlyMemory<byte>.Empty) }, output));

        Assert.Equal(MqttDisconnectReasonCode.TopicNameInvalid, exception.ReasonCode);
        Assert.Equal(0, output.WrittenCount);
    }

    private static void EncodeAll(IMqttPacketFormatter formatter, MqttPacket[] packets, ArrayBufferWriter<byte> output)
    {
        foreach (var packet in packets)
        {
            formatter.Encode(packet, output);
        }

        output.ResetWrittenCount();
    }
}
