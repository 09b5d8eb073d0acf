namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>
/// One outgoing QoS 1/2 publish on its way (MQTT 5 §4.3.2-3): its packet identifier and whether PUBREC came
/// (so a resumed session continues with PUBREL, §4.4). For QoS 0 only <see cref="Completion"/> is meaningful.
/// </summary>
internal sealed class MqttPublishFlight(MqttApplicationMessage message, ushort packetIdentifier)
{
    public MqttApplicationMessage Message { get; } = message;

    public ushort PacketIdentifier { get; } = packetIdentifier;

    /// <summary>Set once PUBREC was received and PUBREL is due (QoS 2).</summary>
    public bool Released { get; set; }

    /// <summary>
    /// The completion of every flight not sent yet: failed, and shared and observed once, so that no flight allocates
    /// an exception or leaves an unobserved faulted task for the finalizer to report.
    /// </summary>
    private static readonly Task<MqttPublishResult> NotSent = Observed(Task.FromException<MqttPublishResult>(new InvalidOperationException("Not sent.")));

    /// <summary>Completes with the acknowledgement; fails when the connection ends first.</summary>
    public Task<MqttPublishResult> Completion { get; set; } = NotSent;

    private static Task<MqttPublishResult> Observed(Task<MqttPublishResult> task)
    {
        _ = task.Exception;
        return task;
    }
}
