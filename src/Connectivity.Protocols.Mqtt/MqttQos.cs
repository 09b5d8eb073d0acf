namespace Connectivity.Protocols.Mqtt;

/// <summary>Quality of service levels (MQTT 5 §4.3).</summary>
public enum MqttQos : byte
{
    /// <summary>QoS 0: at most once delivery.</summary>
    AtMostOnce = 0,

    /// <summary>QoS 1: at least once delivery.</summary>
    AtLeastOnce = 1,

    /// <summary>QoS 2: exactly once delivery.</summary>
    ExactlyOnce = 2,
}
