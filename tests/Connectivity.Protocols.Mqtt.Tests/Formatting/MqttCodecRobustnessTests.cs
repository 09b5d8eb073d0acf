using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;
using Connectivity.Protocols.Mqtt.Tests.Support;
using Xunit;
using static Connectivity.Protocols.Mqtt.Tests.Support.MqttCodec;

namespace Connectivity.Protocols.Mqtt.Tests.Formatting;

/// <summary>
/// Damaged input fails with <see cref="MqttProtocolException"/> or decodes to some packet, never
/// with IndexOutOfRange, Overflow, InvalidCast or the like.
/// </summary>
public sealed class MqttCodecRobustnessTests
{
    private const int MaximumBodyChecked = 400;

    [Theory]
    [MemberData(nameof(SamplePackets.V311Names), MemberType = typeof(SamplePackets))]
    public void Decode_should_fail_only_with_protocol_exception_when_v311_body_is_truncated_or_corrupted(string name) =>
        AssertDamageIsContained(MqttV311PacketFormatter.Instance, SamplePackets.V311[name]);

    [Theory]
    [MemberData(nameof(SamplePackets.V500Names), MemberType = typeof(SamplePackets))]
    public void Decode_should_fail_only_with_protocol_exception_when_v500_body_is_truncated_or_corrupted(string name) =>
        AssertDamageIsContained(MqttV500PacketFormatter.Instance, SamplePackets.V500[name]);

    private static void AssertDamageIsContained(IMqttPacketFormatter formatter, MqttPacket packet)
    {
        var bytes = Encode(formatter, packet);
        var bodyOffset = 1;
        while ((bytes[bodyOffset] & 0x80) != 0)
        {
            bodyOffset++;
        }

        bodyOffset++;
        var header = bytes[0];
        var body = bytes.AsSpan(bodyOffset, Math.Min(bytes.Length - bodyOffset, MaximumBodyChecked)).ToArray();
        for (var length = 0; length < body.Length; length++)
        {
            DecodeContained(formatter, header, body.AsSpan(0, length).ToArray());
        }

        for (var position = 0; position < body.Length; position++)
        {
            foreach (var mask in (ReadOnlySpan<byte>)[0x01, 0x80, 0xFF])
            {
                var damaged = (byte[])body.Clone();
                damaged[position] ^= mask;
                DecodeContained(formatter, header, damaged);
            }
        }

        for (var flags = 0; flags < 16; flags++)
        {
            DecodeContained(formatter, (byte)((header & 0xF0) | flags), body);
        }
    }

    private static void DecodeContained(IMqttPacketFormatter formatter, byte header, byte[] body)
    {
        try
        {
            formatter.Decode(header, new System.Buffers.ReadOnlySequence<byte>(body));
        }
        catch (MqttProtocolException)
        {
        }
    }
}
