using System.Globalization;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Service.Messaging;
using Microsoft.Extensions.Logging;

namespace Connectivity.Messaging.Mqtt;

/// <summary>
/// Publishes to the targets of an <c>mqtt</c> or <c>mqtt-5</c> connection through its publishing session (spec §8.3;
/// the message as in <see cref="MqttOutboundMessages"/>). Success with 200 once the broker acknowledged the message
/// (PUBACK for QoS 1, PUBCOMP for QoS 2) or, for QoS 0, once it was written; a refusing reason code (0x80 and up) or a
/// lost or closed connection is a failure with 503; a message that cannot be published at all (invalid topic or
/// <c>mqtt.*</c> header, a QoS or retain flag the broker does not support, too large) is a failure with 400.
/// </summary>
internal sealed class MqttPublisher(string connectionId, MqttClient client, MqttProtocolVersion version, ILogger logger) : IMessagePublisher
{
    public async ValueTask<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        MqttApplicationMessage message;
        try
        {
            message = MqttOutboundMessages.ToApplicationMessage(request, version);
        }
        catch (FormatException e)
        {
            return Failed(request.Address, 400, e.Message);
        }

        var qos = ((int)message.Qos).ToString(CultureInfo.InvariantCulture);
        MqttPublishResult result;
        try
        {
            result = await client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MqttCommunicationException or ObjectDisposedException)
        {
            return Failed(message.Topic, 503, $"Publishing to '{message.Topic}' with QoS {qos} failed: {e.Message}");
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or MqttProtocolException)
        {
            return Failed(message.Topic, 400, $"The message for '{message.Topic}' cannot be published: {e.Message}");
        }

        var reason = MqttReasonText.Of(result.ReasonCode.ToString(), (byte)result.ReasonCode)
            + (result.ReasonString is { Length: > 0 } text ? $": {text}" : string.Empty);
        if (!result.IsSuccess)
        {
            return Failed(message.Topic, 503, $"The broker refused the message for '{message.Topic}' with QoS {qos}: {reason}.");
        }

        return new PublishOutcome(
            true,
            200,
            message.Qos == MqttQos.AtMostOnce
                ? $"Published to '{message.Topic}' with QoS 0."
                : $"The broker acknowledged the message for '{message.Topic}' with QoS {qos}: {reason}.");
    }

    private PublishOutcome Failed(string topic, int status, string detail)
    {
        MqttConnectionClientLog.PublishFailed(logger, connectionId, topic, detail);
        return new PublishOutcome(false, status, detail);
    }
}
