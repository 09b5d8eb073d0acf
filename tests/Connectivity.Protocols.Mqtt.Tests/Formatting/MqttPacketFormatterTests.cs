using System.Buffers;
using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;
using Xunit;
using static Connectivity.Protocols.Mqtt.Tests.Support.MqttCodec;

namespace Connectivity.Protocols.Mqtt.Tests.Formatting;

public sealed class MqttPacketFormatterTests
{
    [Fact]
    public void For_should_return_the_formatter_of_each_version()
    {
        Assert.Same(MqttV311PacketFormatter.Instance, MqttPacketFormatter.For(MqttProtocolVersion.V311));
        Assert.Same(MqttV500PacketFormatter.Instance, MqttPacketFormatter.For(MqttProtocolVersion.V500));
        Assert.Throws<ArgumentOutOfRangeException>(() => MqttPacketFormatter.For((MqttProtocolVersion)3));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void ReadConnectProtocolVersion_should_return_level_when_connect_is_from_that_version(MqttProtocolVersion version)
    {
        var bytes = new ReadOnlySequence<byte>(Encode(MqttPacketFormatter.For(version), new ConnectPacket { ClientId = "c" }));
        Assert.True(MqttFrameReader.TryReadFrame(ref bytes, NoLimit, out _, out var body));

        Assert.Equal(version, MqttPacketFormatter.ReadConnectProtocolVersion(body));
    }

    /// <summary>MQTT 3.1 ("MQIsdp", level 3) and unknown levels are refused (MQTT 5 §3.1.2.1-2).</summary>
    [Theory]
    [InlineData("00 06 4D 51 49 73 64 70 03 02 00 0A")]
    [InlineData("00 04 4D 51 54 54 06 02 00 0A")]
    [InlineData("00 04 4D 51")]
    public void ReadConnectProtocolVersion_should_throw_when_protocol_is_not_supported(string hex) =>
        Assert.Throws<MqttProtocolException>(() => MqttPacketFormatter.ReadConnectProtocolVersion(new ReadOnlySequence<byte>(Hex(hex))));
}
