namespace Connectivity.Protocols.Mqtt;

/// <summary>Payload Format Indicator property (MQTT 5 §3.3.2.3.2); absent means unspecified bytes.</summary>
public enum MqttPayloadFormatIndicator : byte
{
    /// <summary>0: the payload is unspecified bytes.</summary>
    Unspecified = 0,

    /// <summary>1: the payload is UTF-8 encoded character data.</summary>
    CharacterData = 1,
}
