using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>Outgoing PUBLISH flows (MQTT 5 §4.3), SUBSCRIBE and UNSUBSCRIBE.</summary>
public sealed partial class MqttClient
{
    // The server's Receive Maximum (MQTT 5 §3.2.2.3.3): QoS 1/2 publishes unacknowledged at once.
    private SemaphoreSlim sendQuota = new(ushort.MaxValue);

    /// <summary>
    /// Publishes a message: QoS 0 completes once written, QoS 1 on PUBACK, QoS 2 on PUBCOMP. Waits for a free slot
    /// under the server's Receive Maximum first. A refusing reason code is returned, not thrown.
    /// </summary>
    /// <exception cref="MqttCommunicationException">Not connected, the connection ended, or no acknowledgement
    /// came within CommunicationTimeout.</exception>
    public async Task<MqttPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        var flight = await BeginPublishAsync(message, dup: false, resume: null, cancellationToken);
        return await flight.Completion.WaitAsync(cancellationToken);
    }

    /// <summary>Subscribes to topic filters and returns the SUBACK (one reason code per filter).</summary>
    public async Task<SubAckPacket> SubscribeAsync(IReadOnlyList<MqttTopicFilter> topicFilters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicFilters);
        ArgumentOutOfRangeException.ThrowIfZero(topicFilters.Count);
        EnsureConnected();
        var id = packetIdentifiers.Allocate();
        try
        {
            var reply = await RequestAsync(new SubscribePacket { PacketIdentifier = id, TopicFilters = topicFilters }, MqttPacketType.SubAck, id, cancellationToken);
            return (SubAckPacket)reply;
        }
        finally
        {
            packetIdentifiers.Release(id);
        }
    }

    /// <summary>Removes subscriptions and returns the UNSUBACK (MQTT 5: one reason code per filter).</summary>
    public async Task<UnsubAckPacket> UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicFilters);
        ArgumentOutOfRangeException.ThrowIfZero(topicFilters.Count);
        EnsureConnected();
        var id = packetIdentifiers.Allocate();
        try
        {
            var reply = await RequestAsync(new UnsubscribePacket { PacketIdentifier = id, TopicFilters = topicFilters }, MqttPacketType.UnsubAck, id, cancellationToken);
            return (UnsubAckPacket)reply;
        }
        finally
        {
            packetIdentifiers.Release(id);
        }
    }

    /// <summary>
    /// Starts a publish and returns once its first packet is queued for sending, so callers keep their order;
    /// <see cref="MqttPublishFlight.Completion"/> follows the acknowledgements. A <paramref name="resume"/>d flight
    /// of an earlier connection keeps its packet identifier when the server kept the session, and continues with
    /// PUBREL if PUBREC had come (§4.4).
    /// </summary>
    internal async ValueTask<MqttPublishFlight> BeginPublishAsync(
        MqttApplicationMessage message, bool dup, MqttPublishFlight? resume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Validate(message);
        EnsureConnected();
        if (message.Qos == MqttQos.AtMostOnce)
        {
            var written = SendFlushedAsync(ToPublishPacket(message, 0, dup: false));
            return new MqttPublishFlight(message, 0) { Completion = AfterWriteAsync(written) };
        }

        await AcquireSendQuotaAsync(cancellationToken);
        ushort id;
        var released = false;
        try
        {
            if (resume is not null && connAck?.SessionPresent == true && packetIdentifiers.TryReserve(resume.PacketIdentifier))
            {
                id = resume.PacketIdentifier;
                released = resume.Released;
            }
            else
            {
                id = packetIdentifiers.Allocate();
            }
        }
        catch
        {
            sendQuota.Release();
            throw;
        }

        var flight = new MqttPublishFlight(message, id) { Released = released };
        flight.Completion = RunFlightAsync(flight, dup);
        return flight;
    }

    private async Task<MqttPublishResult> RunFlightAsync(MqttPublishFlight flight, bool dup)
    {
        var id = flight.PacketIdentifier;
        try
        {
            if (flight.Message.Qos == MqttQos.AtLeastOnce)
            {
                var pubAck = (PubAckPacket)await RequestAsync(ToPublishPacket(flight.Message, id, dup), MqttPacketType.PubAck, id, CancellationToken.None);
                return new MqttPublishResult(id, (MqttPublishReasonCode)pubAck.ReasonCode, pubAck.ReasonString);
            }

            var received = MqttPublishReasonCode.Success;
            if (!flight.Released)
            {
                var pubRec = (PubRecPacket)await RequestAsync(ToPublishPacket(flight.Message, id, dup), MqttPacketType.PubRec, id, CancellationToken.None);
                received = (MqttPublishReasonCode)pubRec.ReasonCode;
                if ((byte)pubRec.ReasonCode >= 0x80)
                {
                    return new MqttPublishResult(id, received, pubRec.ReasonString);
                }

                flight.Released = true;
            }

            var pubComp = (PubCompPacket)await RequestAsync(new PubRelPacket { PacketIdentifier = id }, MqttPacketType.PubComp, id, CancellationToken.None);
            return pubComp.ReasonCode == MqttPubCompReasonCode.Success
                ? new MqttPublishResult(id, received, pubComp.ReasonString)
                : new MqttPublishResult(id, MqttPublishReasonCode.PacketIdentifierNotFound, pubComp.ReasonString);
        }
        finally
        {
            packetIdentifiers.Release(id);
            sendQuota.Release();
        }
    }

    /// <summary>Sends a request and waits (CommunicationTimeout at most) for the reply with the same packet identifier.</summary>
    private async Task<MqttPacket> RequestAsync(MqttPacket request, MqttPacketType replyType, ushort id, CancellationToken cancellationToken)
    {
        var reply = dispatcher.Register(replyType, id);
        try
        {
            Send(request);
            return await reply.WaitAsync(options.CommunicationTimeout, time, cancellationToken);
        }
        catch (TimeoutException timeout)
        {
            dispatcher.Forget(replyType, id);
            throw new MqttCommunicationException(
                $"No {replyType} for packet {id} from {Endpoint} within {options.CommunicationTimeout}.", timeout);
        }
        catch
        {
            dispatcher.Forget(replyType, id);
            throw;
        }
    }

    private async ValueTask AcquireSendQuotaAsync(CancellationToken cancellationToken)
    {
        if (sendQuota.Wait(0, CancellationToken.None))
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Token);
        try
        {
            await sendQuota.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MqttCommunicationException($"The connection to {Endpoint} is closed.");
        }
    }

    private static async Task<MqttPublishResult> AfterWriteAsync(Task written)
    {
        await written;
        return new MqttPublishResult(0, MqttPublishReasonCode.Success);
    }

    private void Validate(MqttApplicationMessage message)
    {
        if (string.IsNullOrEmpty(message.Topic) || message.Topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            throw new ArgumentException($"'{message.Topic}' is not a topic name (empty or with wildcards).", nameof(message));
        }

        if (connAck is { } accepted && message.Qos > accepted.MaximumQos)
        {
            throw new NotSupportedException($"The server {Endpoint} supports QoS {(byte)accepted.MaximumQos} at most.");
        }

        if (connAck is { RetainAvailable: false } && message.Retain)
        {
            throw new NotSupportedException($"The server {Endpoint} does not support retained messages.");
        }
    }

    private static PublishPacket ToPublishPacket(MqttApplicationMessage message, ushort id, bool dup) => new()
    {
        Topic = message.Topic,
        Payload = message.Payload,
        Qos = message.Qos,
        Retain = message.Retain,
        Dup = dup && message.Qos != MqttQos.AtMostOnce,
        PacketIdentifier = id,
        ContentType = message.ContentType,
        ResponseTopic = message.ResponseTopic,
        CorrelationData = message.CorrelationData,
        MessageExpiryInterval = message.MessageExpiryInterval,
        PayloadFormatIndicator = message.PayloadFormatIndicator,
        UserProperties = message.UserProperties,
    };
}
