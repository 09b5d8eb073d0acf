namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>
/// A publish a <see cref="ManagedMqttClient"/> holds until it is acknowledged, across connections: its place in
/// the queue, whether it went out before (then it goes again with DUP) and its last flight (to resume it).
/// </summary>
internal sealed class MqttPendingPublish(MqttApplicationMessage message, long sequence)
{
    public MqttApplicationMessage Message { get; } = message;

    /// <summary>The order in which it was published; a requeued publish goes back to its place.</summary>
    public long Sequence { get; } = sequence;

    public TaskCompletionSource<MqttPublishResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MqttPublishFlight? LastFlight { get; set; }

    public bool Sent => LastFlight is not null && Message.Qos != MqttQos.AtMostOnce;
}
