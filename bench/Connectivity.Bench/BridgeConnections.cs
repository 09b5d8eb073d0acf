using System.Text.Json.Nodes;
using Connectivity.TestKit.Mqtt;

namespace Connectivity.Bench;

/// <summary>
/// The service side of the <c>bridge</c> benchmark: one mqtt-5 connection consuming <c>bench/in/#</c> (QoS 1) and
/// publishing every live message to <c>bench/out/{{ thing:name }}</c> (QoS 1), with the default Ditto mapper or with a
/// JavaScript mapper that builds the live message from a plain JSON payload; publishing through the consuming MQTT
/// session (the default) or through a second one (<c>separatePublisherClient</c>).
/// </summary>
internal static class BridgeConnections
{
    public const string InTopicPrefix = "bench/in/";
    public const string OutFilter = "bench/out/#";

    // the device is the last topic level (bench/in/<device>); the correlation id comes from the payload's seq
    private const string IncomingScript = """
        function mapToDittoProtocolMsg(headers, textPayload, bytePayload, contentType) {
            var value = JSON.parse(textPayload);
            var device = headers['mqtt.topic'].split('/')[2];
            return Ditto.buildDittoProtocolMsg('org.acme', device, 'things', 'live', 'messages', 'telemetry',
                '/inbox/messages/telemetry', { 'correlation-id': 'bench-' + value.seq }, value);
        }
        """;

    public static JsonObject Ditto(string id, MosquittoBroker broker, bool separatePublisherClient = false)
    {
        var connection = Connection(id, broker, mapping: null);
        if (separatePublisherClient)
        {
            connection["specificConfig"] = new JsonObject { ["separatePublisherClient"] = "true" };
        }

        return connection;
    }

    public static JsonObject JavaScript(string id, MosquittoBroker broker) => Connection(id, broker, mapping: new JsonObject
    {
        ["mappingEngine"] = "JavaScript",
        ["options"] = new JsonObject
        {
            ["incomingScript"] = IncomingScript,
            ["outgoingScript"] = "function mapFromDittoProtocolMsg() { return null; }",
        },
    });

    private static JsonObject Connection(string id, MosquittoBroker broker, JsonObject? mapping)
    {
        var source = new JsonObject
        {
            ["addresses"] = new JsonArray(InTopicPrefix + "#"),
            ["qos"] = 1,
            ["authorizationContext"] = new JsonArray("integration:bench"),
        };
        var connection = new JsonObject
        {
            ["id"] = id,
            ["connectionType"] = "mqtt-5",
            ["connectionStatus"] = "open",
            ["uri"] = $"tcp://{broker.Host}:{broker.Port}",
            ["sources"] = new JsonArray(source),
            ["targets"] = new JsonArray(new JsonObject
            {
                ["address"] = "bench/out/{{ thing:name }}",
                ["qos"] = 1,
                ["topics"] = new JsonArray("_/_/things/live/messages"),
                ["authorizationContext"] = new JsonArray("integration:bench"),
            }),
        };
        if (mapping is not null)
        {
            source["payloadMapping"] = new JsonArray("bench");
            connection["mappingDefinitions"] = new JsonObject { ["bench"] = mapping };
        }

        return connection;
    }
}
