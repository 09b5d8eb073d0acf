using System.Text.Json.Nodes;
using Connectivity.TestKit.Mqtt;

namespace Connectivity.Gateway.Tests.Infrastructure;

/// <summary>Connection JSON for the data-plane tests: open mqtt-5 and http-push connections, sources and targets at QoS 1.</summary>
public static class MqttJson
{
    /// <summary>Maps <c>devices/&lt;name&gt;/telemetry</c> to a live message <c>telemetry</c> of thing <c>org.acme:&lt;name&gt;</c>, the payload as value.</summary>
    public const string TelemetryScript = """
        function mapToDittoProtocolMsg(headers, textPayload, bytePayload, contentType) {
            var levels = headers['mqtt.topic'].split('/');
            var dittoHeaders = { 'correlation-id': headers['correlation-id'], 'content-type': 'application/json' };
            return Ditto.buildDittoProtocolMsg('org.acme', levels[1], 'things', 'live', 'messages', 'telemetry',
                '/inbox/messages/telemetry', dittoHeaders, JSON.parse(textPayload));
        }
        """;

    /// <summary>An open mqtt-5 connection to the broker, without sources or targets yet.</summary>
    public static JsonObject Connection(string id, MosquittoBroker broker) => new()
    {
        ["id"] = id,
        ["connectionType"] = "mqtt-5",
        ["connectionStatus"] = "open",
        ["uri"] = $"tcp://{broker.Host}:{broker.Port}",
    };

    /// <summary>An open http-push connection to the sink with the given targets.</summary>
    public static JsonObject HttpPush(string id, string uri, params JsonObject[] targets) => new()
    {
        ["id"] = id,
        ["connectionType"] = "http-push",
        ["connectionStatus"] = "open",
        ["uri"] = uri,
        ["targets"] = new JsonArray(targets),
    };

    /// <summary>The connection with these sources.</summary>
    public static JsonObject WithSources(this JsonObject connection, params JsonObject[] sources)
    {
        connection["sources"] = new JsonArray(sources);
        return connection;
    }

    /// <summary>The connection with these targets.</summary>
    public static JsonObject WithTargets(this JsonObject connection, params JsonObject[] targets)
    {
        connection["targets"] = new JsonArray(targets);
        return connection;
    }

    /// <summary>The connection with these mapping definitions, by id.</summary>
    public static JsonObject WithMappings(this JsonObject connection, params (string Id, JsonObject Definition)[] mappings)
    {
        var definitions = new JsonObject();
        foreach (var (id, definition) in mappings)
        {
            definitions[id] = definition;
        }

        connection["mappingDefinitions"] = definitions;
        return connection;
    }

    /// <summary>A QoS 1 source of one address, mapped by the given mappings (the default mapper if none).</summary>
    public static JsonObject Source(string address, string subject, params string[] payloadMapping)
    {
        var source = new JsonObject
        {
            ["addresses"] = new JsonArray(address),
            ["qos"] = 1,
            ["authorizationContext"] = new JsonArray(subject),
        };
        if (payloadMapping.Length > 0)
        {
            source["payloadMapping"] = new JsonArray(payloadMapping.Select(m => (JsonNode)m).ToArray());
        }

        return source;
    }

    /// <summary>A target publishing the signals of <paramref name="topic"/> to <paramref name="address"/>, with a QoS for MQTT.</summary>
    public static JsonObject Target(string address, string topic, string subject, int? qos = null)
    {
        var target = new JsonObject
        {
            ["address"] = address,
            ["topics"] = new JsonArray(topic),
            ["authorizationContext"] = new JsonArray(subject),
        };
        if (qos is { } level)
        {
            target["qos"] = level;
        }

        return target;
    }
}
