using System.Globalization;
using System.Text;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Service.Messaging;

namespace Connectivity.Messaging.Mqtt;

/// <summary>
/// A received PUBLISH as an <see cref="ExternalMessage"/> (spec §8.3): headers <c>mqtt.topic</c>, <c>mqtt.qos</c>,
/// <c>mqtt.retain</c>; for MQTT 5 also the user properties and Correlation Data ⇒ <c>correlation-id</c>, Response
/// Topic ⇒ <c>reply-to</c>, Content Type ⇒ <c>content-type</c>, Message Expiry Interval ⇒
/// <c>mqtt.message-expiry-interval</c>. The payload is text when its format indicator says UTF-8, else bytes.
/// </summary>
internal static class MqttInboundMessages
{
    public static ExternalMessage ToExternalMessage(MqttReceivedMessage received, MqttSubscription subscription)
    {
        var message = received.Message;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in message.UserProperties)
        {
            headers[property.Name] = property.Value;
        }

        if (message.CorrelationData is { } correlation)
        {
            headers[MqttHeaders.CorrelationId] = Encoding.UTF8.GetString(correlation.Span);
        }

        if (message.ResponseTopic is { } responseTopic)
        {
            headers[MqttHeaders.ReplyTo] = responseTopic;
        }

        if (message.ContentType is { } contentType)
        {
            headers[MqttHeaders.ContentType] = contentType;
        }

        if (message.MessageExpiryInterval is { } expiry)
        {
            headers[MqttHeaders.MessageExpiryInterval] = expiry.ToString(CultureInfo.InvariantCulture);
        }

        headers[MqttHeaders.Topic] = message.Topic;
        headers[MqttHeaders.Qos] = ((int)message.Qos).ToString(CultureInfo.InvariantCulture);
        headers[MqttHeaders.Retain] = message.Retain ? "true" : "false";
        // As Ditto's MQTT consumer: the payload as both text (UTF-8) and bytes, whatever the payload format indicator
        // says, so a mapper reading textPayload works with publishers that set no format (most devices, mosquitto_pub).
        return new ExternalMessage
        {
            Headers = headers,
            TextPayload = Encoding.UTF8.GetString(message.Payload.Span),
            BytePayload = message.Payload.ToArray(),
            SourceAddress = subscription.Address,
            SourceIndex = subscription.SourceIndex,
            AuthorizationContext = subscription.Source.AuthorizationContext,
        };
    }
}
