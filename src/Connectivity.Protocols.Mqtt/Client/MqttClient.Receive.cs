using System.Net.Sockets;
using System.Threading.Channels;
using Connectivity.Protocols.Mqtt.Channels;
using Connectivity.Protocols.Mqtt.Formatting;
using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>The receive loop, inbound PUBLISH flows (MQTT 5 §4.3) and the delivery of messages to the handler.</summary>
public sealed partial class MqttClient
{
    // QoS 0 messages that may wait for the handler beyond the Receive Maximum; when full, the receive loop waits
    // (back-pressure on the socket).
    private const int InboundBuffer = 256;

    private readonly Channel<PublishPacket> inbound;
    private readonly MqttTopicAliases topicAliases;

    // Inbound QoS 2 packet identifiers between PUBLISH and PUBREL (§4.3.3, method B): true once PUBREC was sent.
    private readonly Dictionary<ushort, bool> inboundQos2 = [];

    // Inbound QoS 1/2 publishes not yet acknowledged, limited by our Receive Maximum (MQTT 5 §3.3.4).
    private int inboundInFlight;

    // Whether this connection's CONNACK has been read (the state becomes Connected only when the connecting caller resumes).
    private volatile bool connAckSeen;

    private async Task ReceiveLoopAsync(IMqttChannel open)
    {
        await Task.Yield();
        var input = open.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(lifetime.Token);
                var buffer = result.Buffer;
                try
                {
                    while (MqttFrameReader.TryReadFrame(ref buffer, options.MaximumPacketSize, out var fixedHeader, out var body))
                    {
                        await HandleAsync(formatter.Decode(fixedHeader, body));
                        if (lifetime.IsCancellationRequested)
                        {
                            return;
                        }
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    Close(new MqttCommunicationException($"The server {Endpoint} closed the connection."), null);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
        catch (MqttProtocolException violation)
        {
            await OnProtocolViolationAsync(violation);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or InvalidOperationException
            or MqttCommunicationException)
        {
            Close(new MqttCommunicationException($"Receiving from {Endpoint} failed: {exception.Message}", exception), null);
        }
    }

    /// <summary>MQTT 5 §4.13: tell the server why (DISCONNECT with the reason code) and close.</summary>
    private async Task OnProtocolViolationAsync(MqttProtocolException violation)
    {
        MqttClientLog.ProtocolViolation(logger, Endpoint, violation.ReasonCode, violation);
        if (options.Version == MqttProtocolVersion.V500 && State == MqttClientState.Connected)
        {
            try
            {
                var reason = violation.ReasonCode ?? MqttDisconnectReasonCode.ProtocolError;
                await SendFlushedAsync(new DisconnectPacket { ReasonCode = reason, ReasonString = violation.Message })
                    .WaitAsync(options.CommunicationTimeout, time);
            }
            catch (Exception exception) when (exception is MqttCommunicationException or TimeoutException)
            {
                // closing anyway
            }
        }

        Close(violation, null);
    }

    private ValueTask HandleAsync(MqttPacket packet)
    {
        switch (packet)
        {
            case PublishPacket publish:
                return OnPublishAsync(publish);
            case PubRelPacket release:
                OnPubRel(release);
                break;
            case DisconnectPacket disconnect:
                Close(null, disconnect);
                break;
            case ConnAckPacket when State != MqttClientState.Connecting:
                throw MqttProtocolException.ProtocolError("CONNACK on an established connection.");
            case ConnAckPacket:
                // Seen before the connecting caller resumes: a PUBLISH right behind the CONNACK is legitimate.
                connAckSeen = true;
                if (!dispatcher.TryDispatch(packet))
                {
                    MqttClientLog.UnexpectedReply(logger, packet.PacketType);
                }

                break;
            case PubAckPacket or PubRecPacket or PubCompPacket or SubAckPacket or UnsubAckPacket or PingRespPacket:
                if (!dispatcher.TryDispatch(packet))
                {
                    MqttClientLog.UnexpectedReply(logger, packet.PacketType);
                }

                break;
            default:
                throw MqttProtocolException.ProtocolError($"A server does not send {packet.PacketType}.");
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask OnPublishAsync(PublishPacket publish)
    {
        if (!connAckSeen)
        {
            throw MqttProtocolException.ProtocolError("PUBLISH before CONNACK.");
        }

        if (options.Version == MqttProtocolVersion.V500)
        {
            publish = topicAliases.Resolve(publish);
        }

        if (publish.Qos == MqttQos.ExactlyOnce)
        {
            lock (inboundQos2)
            {
                if (inboundQos2.TryGetValue(publish.PacketIdentifier, out var recSent))
                {
                    // A redelivery of a message not yet released: delivered once already (§4.3.3).
                    if (recSent)
                    {
                        Send(new PubRecPacket { PacketIdentifier = publish.PacketIdentifier });
                    }

                    return;
                }

                inboundQos2.Add(publish.PacketIdentifier, false);
            }
        }

        if (publish.Qos != MqttQos.AtMostOnce
            && Interlocked.Increment(ref inboundInFlight) > options.ReceiveMaximum
            && options.Version == MqttProtocolVersion.V500)
        {
            throw new MqttProtocolException(
                $"The server sent more than Receive Maximum {options.ReceiveMaximum} unacknowledged publishes.",
                MqttDisconnectReasonCode.ReceiveMaximumExceeded);
        }

        await inbound.Writer.WriteAsync(publish, lifetime.Token);
    }

    private void OnPubRel(PubRelPacket release)
    {
        bool known;
        lock (inboundQos2)
        {
            known = inboundQos2.Remove(release.PacketIdentifier);
        }

        if (known)
        {
            Interlocked.Decrement(ref inboundInFlight);
        }

        Send(new PubCompPacket
        {
            PacketIdentifier = release.PacketIdentifier,
            ReasonCode = known ? MqttPubCompReasonCode.Success : MqttPubCompReasonCode.PacketIdentifierNotFound,
        });
    }

    /// <summary>Hands messages to the handler one by one, in order, then acknowledges them (PUBACK or PUBREC).</summary>
    private async Task DeliveryLoopAsync()
    {
        await Task.Yield();
        try
        {
            await foreach (var publish in inbound.Reader.ReadAllAsync(lifetime.Token))
            {
                var message = ToApplicationMessage(publish);
                bool acknowledge;
                try
                {
                    acknowledge = MessageReceived is not { } handler
                        || await handler(new MqttReceivedMessage(message, publish.Dup, publish.PacketIdentifier, publish.SubscriptionIdentifiers));
                }
                catch (Exception exception)
                {
                    MqttClientLog.HandlerFailed(logger, message.Topic, exception);
                    acknowledge = false;
                }

                if (publish.Qos == MqttQos.AtMostOnce)
                {
                    continue;
                }

                if (!acknowledge)
                {
                    MqttClientLog.AckWithheld(logger, publish.PacketIdentifier, message.Topic);
                    continue;
                }

                if (publish.Qos == MqttQos.AtLeastOnce)
                {
                    // Counted out before the PUBACK leaves, so the server's next publish never finds the count full.
                    Interlocked.Decrement(ref inboundInFlight);
                    Send(new PubAckPacket { PacketIdentifier = publish.PacketIdentifier });
                }
                else
                {
                    lock (inboundQos2)
                    {
                        inboundQos2[publish.PacketIdentifier] = true;
                    }

                    Send(new PubRecPacket { PacketIdentifier = publish.PacketIdentifier });
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or MqttCommunicationException or ChannelClosedException)
        {
            // the connection ended
        }
    }

    private static MqttApplicationMessage ToApplicationMessage(PublishPacket publish) =>
        new(publish.Topic, publish.Payload, publish.Qos, publish.Retain)
        {
            ContentType = publish.ContentType,
            ResponseTopic = publish.ResponseTopic,
            CorrelationData = publish.CorrelationData,
            MessageExpiryInterval = publish.MessageExpiryInterval,
            PayloadFormatIndicator = publish.PayloadFormatIndicator,
            UserProperties = publish.UserProperties,
        };
}
