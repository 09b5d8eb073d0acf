using System.Text.Json.Nodes;
using Connectivity.Model.Connections;

namespace Connectivity.Service.Tests.Connections;

/// <summary>Connections for tests, parsed from JSON as a user would send them.</summary>
public static class TestConnections
{
    public static Connection HttpPush(string id = "conn-1", string status = "closed", string uri = "http://127.0.0.1:9", params string[] tags) =>
        ConnectionJson.FromJson(JsonNode.Parse($$"""
            {
              "id": "{{id}}", "connectionType": "http-push", "connectionStatus": "{{status}}", "uri": "{{uri}}",
              "targets": [{ "address": "POST:/in", "topics": ["_/_/things/twin/events"], "authorizationContext": ["a:b"] }],
              "tags": [{{string.Join(",", tags.Select(t => $"\"{t}\""))}}]
            }
            """)!.AsObject());
}
