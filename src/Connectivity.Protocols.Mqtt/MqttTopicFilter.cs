namespace Connectivity.Protocols.Mqtt;

/// <summary>
/// A topic filter with its subscription options (MQTT 5 §3.8.3.1). NoLocal, RetainAsPublished and
/// RetainHandling (0, 1 or 2) are MQTT 5 only; the 3.1.1 formatter writes the requested QoS alone.
/// </summary>
public sealed record MqttTopicFilter(
    string Topic,
    MqttQos Qos,
    bool NoLocal = false,
    bool RetainAsPublished = false,
    byte RetainHandling = 0);
