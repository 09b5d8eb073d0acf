using System.Buffers;
using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>Encodes and decodes MQTT Control Packets for one protocol version.</summary>
public interface IMqttPacketFormatter
{
    /// <summary>Writes the whole packet (fixed header, remaining length, body) to <paramref name="output"/>.</summary>
    /// <exception cref="MqttProtocolException">The packet cannot be expressed in this version.</exception>
    void Encode(MqttPacket packet, IBufferWriter<byte> output);

    /// <summary>Decodes a packet from its fixed header byte and the bytes after the remaining length.</summary>
    /// <exception cref="MqttProtocolException">The bytes are not a valid packet of this version.</exception>
    MqttPacket Decode(byte fixedHeader, ReadOnlySequence<byte> body);
}
