using System.Globalization;
using System.Text;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Service.Messaging;

namespace Connectivity.Messaging.Mqtt;

/// <summary>
/// A message for a target as an MQTT application message (spec §8.3): topic = the address unless the header
/// <c>mqtt.topic</c> names another, QoS from the target unless <c>mqtt.qos</c> overrides it, retain from
/// <c>mqtt.retain</c>. For MQTT 5 <c>correlation-id</c> ⇒ Correlation Data, <c>reply-to</c> ⇒ Response Topic, the content
/// type ⇒ Content Type, <c>mqtt.message-expiry-interval</c> ⇒ Message Expiry Interval, a text payload is marked UTF-8,
/// and every other header ⇒ a User Property (except <c>mqtt.*</c> and the internal <c>ditto-*</c> ones, spec §7.3).
/// MQTT 3.1.1 has no properties: no header is sent.
/// </summary>
internal static class MqttOutboundMessages
{
    /// <summary>The application message for <paramref name="request"/>; throws <see cref="FormatException"/> for an invalid mqtt.* header or QoS.</summary>
    public static MqttApplicationMessage ToApplicationMessage(PublishRequest request, MqttProtocolVersion version)
    {
        var message = request.Message;
        var headers = message.Headers;
        var topic = headers.GetValueOrDefault(MqttHeaders.Topic) ?? request.Address;
        var qos = headers.TryGetValue(MqttHeaders.Qos, out var qosHeader)
            ? Qos(qosHeader, $"The header '{MqttHeaders.Qos}'")
            : Qos((request.Target.Qos ?? 0).ToString(CultureInfo.InvariantCulture), $"The QoS of the target '{request.Target.Address}'");
        var retain = headers.TryGetValue(MqttHeaders.Retain, out var retainHeader) && Retain(retainHeader);
        var application = new MqttApplicationMessage(topic, message.PayloadAsBytes(), qos, retain);
        if (version == MqttProtocolVersion.V311)
        {
            return application;
        }

        var properties = new List<MqttUserProperty>();
        foreach (var (name, value) in headers)
        {
            if (!name.StartsWith("mqtt.", StringComparison.OrdinalIgnoreCase)
                && !name.StartsWith("ditto-", StringComparison.OrdinalIgnoreCase)
                && !name.Equals(MqttHeaders.CorrelationId, StringComparison.OrdinalIgnoreCase)
                && !name.Equals(MqttHeaders.ReplyTo, StringComparison.OrdinalIgnoreCase)
                && !name.Equals(MqttHeaders.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                properties.Add(new MqttUserProperty(name, value));
            }
        }

        return application with
        {
            CorrelationData = headers.GetValueOrDefault(MqttHeaders.CorrelationId) is { } correlationId ? Encoding.UTF8.GetBytes(correlationId) : null,
            ResponseTopic = headers.GetValueOrDefault(MqttHeaders.ReplyTo),
            ContentType = message.ContentType ?? headers.GetValueOrDefault(MqttHeaders.ContentType),
            MessageExpiryInterval = headers.TryGetValue(MqttHeaders.MessageExpiryInterval, out var expiry) ? ExpiryInterval(expiry) : null,
            PayloadFormatIndicator = message.TextPayload is not null ? MqttPayloadFormatIndicator.CharacterData : MqttPayloadFormatIndicator.Unspecified,
            UserProperties = properties,
        };
    }

    private static MqttQos Qos(string text, string what) =>
        text.Trim() switch
        {
            "0" => MqttQos.AtMostOnce,
            "1" => MqttQos.AtLeastOnce,
            "2" => MqttQos.ExactlyOnce,
            _ => throw new FormatException($"{what} must be 0, 1 or 2, not '{text}'."),
        };

    private static bool Retain(string text) =>
        bool.TryParse(text.Trim(), out var retain)
            ? retain
            : throw new FormatException($"The header '{MqttHeaders.Retain}' must be true or false, not '{text}'.");

    private static uint ExpiryInterval(string text) =>
        uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new FormatException($"The header '{MqttHeaders.MessageExpiryInterval}' must be a number of seconds, not '{text}'.");
}
