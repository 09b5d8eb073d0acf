namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>The Connect Flags byte of CONNECT (MQTT 3.1.1 §3.1.2.3, MQTT 5 §3.1.2.3).</summary>
internal readonly record struct MqttConnectFlags(
    bool CleanSession, bool HasWill, MqttQos WillQos, bool WillRetain, bool HasPassword, bool HasUsername)
{
    public static MqttConnectFlags Read(byte flags, bool passwordNeedsUsername)
    {
        if ((flags & 0x01) != 0)
        {
            throw MqttProtocolException.Malformed("CONNECT flag bit 0 is reserved and must be 0 [MQTT-3.1.2-3].");
        }

        var hasWill = (flags & 0x04) != 0;
        var willQos = (flags >> 3) & 0x03;
        var willRetain = (flags & 0x20) != 0;
        if (willQos == 3)
        {
            throw MqttProtocolException.Malformed("CONNECT Will QoS 3 [MQTT-3.1.2-14].");
        }

        if (!hasWill && (willQos != 0 || willRetain))
        {
            throw MqttProtocolException.Malformed("CONNECT Will QoS / Will Retain set without the Will Flag [MQTT-3.1.2-13, MQTT-3.1.2-15].");
        }

        var hasPassword = (flags & 0x40) != 0;
        var hasUsername = (flags & 0x80) != 0;
        if (passwordNeedsUsername && hasPassword && !hasUsername)
        {
            throw MqttProtocolException.Malformed("CONNECT Password Flag set without the User Name Flag [MQTT-3.1.2-22].");
        }

        return new MqttConnectFlags((flags & 0x02) != 0, hasWill, (MqttQos)willQos, willRetain, hasPassword, hasUsername);
    }

    public static byte Build(bool cleanSession, MqttWill? will, bool hasUsername, bool hasPassword)
    {
        var flags = cleanSession ? 0x02 : 0;
        if (will is not null)
        {
            flags |= 0x04 | ((int)MqttFixedHeader.ValidateQos(will.Qos) << 3) | (will.Retain ? 0x20 : 0);
        }

        return (byte)(flags | (hasPassword ? 0x40 : 0) | (hasUsername ? 0x80 : 0));
    }
}
