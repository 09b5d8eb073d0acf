using System.Text.Json.Nodes;

namespace Connectivity.Gateway.Tests.Infrastructure;

/// <summary>Connection JSON for the tests: a valid http-push connection, changed per test.</summary>
public static class ConnectionJson
{
    public const string TwinEvents = "_/_/things/twin/events";

    /// <summary>A unique valid connection id with a readable prefix.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static JsonObject HttpPush(string? id, string status, string uri, params string[] tags)
    {
        var json = new JsonObject();
        if (id is not null)
        {
            json["id"] = id;
        }

        json["connectionType"] = "http-push";
        json["connectionStatus"] = status;
        json["uri"] = uri;
        json["targets"] = new JsonArray(Target("POST:/events"));
        json["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray());
        return json;
    }

    public static JsonObject Target(string address) => new()
    {
        ["address"] = address,
        ["topics"] = new JsonArray(TwinEvents),
        ["authorizationContext"] = new JsonArray("integration:tests"),
    };

    /// <summary>A JavaScript mapping definition with this incoming script and no outgoing one.</summary>
    public static JsonObject JavaScript(string incomingScript) => new()
    {
        ["mappingEngine"] = "JavaScript",
        ["options"] = new JsonObject { ["incomingScript"] = incomingScript, ["outgoingScript"] = string.Empty },
    };

    /// <summary>The connection with one mapping definition that its first target uses.</summary>
    public static JsonObject WithMapping(JsonObject connection, string mappingId, JsonObject definition)
    {
        connection["mappingDefinitions"] = new JsonObject { [mappingId] = definition };
        connection["targets"]![0]!["payloadMapping"] = new JsonArray(mappingId);
        return connection;
    }

    /// <summary>An amqp-091 connection with one source (accepted and stored, never opened by this service).</summary>
    public static JsonObject AmqpWithSource(string? id, string status = "closed")
    {
        var json = new JsonObject();
        if (id is not null)
        {
            json["id"] = id;
        }

        json["connectionType"] = "amqp-091";
        json["connectionStatus"] = status;
        json["uri"] = "amqp://user:pass@127.0.0.1:5672/vhost";
        json["sources"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray("queue-a"),
            ["authorizationContext"] = new JsonArray("integration:tests"),
        });
        return json;
    }
}
